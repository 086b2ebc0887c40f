// A small typed tree both YAML readers (the fast path and the `yaml` package) produce, so that one
// converter gives PyYAML's values and one `str()` gives Python's label coercion (§3.5, §5.1).
import { floatValue, pyFloatRepr } from '../../shared/py-float.ts';

export type ScalarKind = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'binary';

export type RNode =
  | { readonly t: 'scalar'; readonly kind: ScalarKind; readonly value: unknown }
  | { readonly t: 'map'; readonly entries: ReadonlyArray<readonly [RNode, RNode]> }
  | { readonly t: 'seq'; readonly items: readonly RNode[] };

export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment to '__proto__' would change the prototype instead of adding a key.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export interface KeyIssue {
  /** Dotted path of the map holding the key. */
  readonly path: string;
  readonly kind: ScalarKind | 'map' | 'seq';
}

function keyKind(node: RNode): ScalarKind | 'map' | 'seq' {
  return node.t === 'scalar' ? node.kind : node.t;
}

/**
 * PyYAML's value as JS: maps become objects (keys are Python `str(key)`, duplicates: last wins like a
 * dict), lists arrays. Keys that were not strings in Python are reported through `keyIssues`.
 */
export function toJs(node: RNode, path = '', keyIssues?: KeyIssue[]): unknown {
  // A float stays a float: `1000.0` must not come back as the int 1000 (shared/py-float.ts).
  if (node.t === 'scalar') return node.kind === 'float' ? floatValue(node.value as number) : node.value;
  if (node.t === 'seq') return node.items.map((item, i) => toJs(item, `${path}[${i}]`, keyIssues));
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) {
    const key = pyStr(k);
    if (k.t !== 'scalar' || k.kind !== 'str') keyIssues?.push({ path, kind: keyKind(k) });
    setKey(out, key, toJs(v, path === '' ? key : `${path}.${key}`, keyIssues));
  }
  return out;
}

function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

function pyBytesRepr(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `b${quote}${out}${quote}`;
}

const TS_RE =
  /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?)?$/;

/** str() of the date/datetime PyYAML builds from a timestamp scalar. */
function pyTimestampStr(text: string): string {
  const m = TS_RE.exec(text);
  if (!m) return text;
  const p2 = (s: string | undefined): string => (s ?? '0').padStart(2, '0');
  const date = `${m[1]}-${p2(m[2])}-${p2(m[3])}`;
  if (m[4] === undefined) return date;
  const frac = m[7] ? `.${(m[7].slice(0, 6) + '000000').slice(0, 6)}` : '';
  const fracPart = frac === '.000000' ? '' : frac;
  let tz = '';
  if (m[9] !== undefined) tz = `${m[9]}${p2(m[10])}:${p2(m[11])}`;
  else if (m[8] === 'Z') tz = '+00:00';
  return `${date} ${p2(m[4])}:${m[5]}:${m[6]}${fracPart}${tz}`;
}

function scalarStr(kind: ScalarKind, value: unknown, repr: boolean): string {
  switch (kind) {
    case 'str':
      return repr ? pyStrRepr(String(value)) : String(value);
    case 'float':
      return pyFloatRepr(value as number);
    case 'bool':
      return value ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'timestamp':
      return repr ? pyStrRepr(pyTimestampStr((value as { $date: string }).$date)) : pyTimestampStr((value as { $date: string }).$date);
    case 'binary':
      return pyBytesRepr((value as { $binary: string }).$binary);
    default:
      return String(value);
  }
}

/** Python's str() of the value PyYAML builds (labels and string fields go through it, §3.5). */
export function pyStr(node: RNode, repr = false): string {
  if (node.t === 'scalar') return scalarStr(node.kind, node.value, repr);
  if (node.t === 'seq') return `[${node.items.map((n) => pyStr(n, true)).join(', ')}]`;
  return `{${node.entries.map(([k, v]) => `${pyStr(k, true)}: ${pyStr(v, true)}`).join(', ')}}`;
}
