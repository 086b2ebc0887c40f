// How values cross the harness's stand-in for Electron's IPC. Electron uses structured clone
// (native, fast, keeps bigint and NaN); Playwright's own argument serialization is JavaScript
// in the page and costs seconds on a 10,000-version snapshot, which would measure the harness
// rather than the app. So big payloads cross as one JSON string (parsed natively), with bigint,
// NaN, +-Infinity, -0 and undefined tagged so they come back as structured clone would give them.
// Pure: runs in Node and, bundled into the preload, in the page.

const TAG = '$shelf$wire';

function encodeValue(value: unknown): unknown {
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: 'number', v: String(value) };
  if (typeof value === 'number' && Object.is(value, -0)) return { [TAG]: 'number', v: '-0' };
  if (value === undefined) return { [TAG]: 'undefined' };
  return value;
}

export function encodeWire(value: unknown): string {
  // `this[key]` is the raw value (JSON would already have turned NaN into null and refused a
  // bigint); `json` is after toJSON, which is what a Date should become.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, json: unknown) {
    const raw = this[key];
    return typeof raw === 'bigint' || typeof raw === 'number' || raw === undefined ? encodeValue(raw) : json;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || !(TAG in value)) return value;
    const tagged = value as { [TAG]: string; v?: string };
    if (tagged[TAG] === 'bigint') return BigInt(tagged.v ?? '0');
    if (tagged[TAG] === 'number') return Number(tagged.v);
    return undefined;
  });
}
