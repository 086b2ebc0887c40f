// An independent reading of ISO creation_time strings (the oracle must not be the code under test).
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch microseconds of an aware ISO time; throws on anything else. */
export function isoMicros(text: string): number {
  const m = ISO.exec(text);
  if (!m) throw new Error(`not an aware ISO time: ${text}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const micros = Number((m[7] ?? '').padEnd(6, '0'));
  const zone = m[8]!;
  const offsetMin = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return ms * 1000 + micros - offsetMin * 60_000_000;
}

/** BentoML `list`'s time column: local time (TZ=UTC in the children), seconds floored. */
export function bentomlListTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
