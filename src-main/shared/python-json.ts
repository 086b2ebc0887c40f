import type { MetadataValue } from './model-types.ts';
import { floatValue } from './py-float.ts';
import { MAX_METADATA_DEPTH, PY_INT_MAX_DIGITS, WRAPPER_KEYS } from './value-rules.ts';

// JSON read the way Python's json.loads reads it, because that is the rule for metadata values
// ("a value is read as Python's json.loads reads it; otherwise it is text"). JSON.parse differs:
// it refuses NaN, Infinity and -Infinity (Python reads floats), cannot tell 1e3 or 1.0 (floats)
// from 1000 and 1 (ints), and rounds big integers (Python keeps every digit). The grammar is
// that of CPython's C scanner (Modules/_json.c) with strict=True: ASCII digits, whitespace
// ' \t\n\r', no control characters inside strings, \uXXXX escapes with surrogate pairs joined.
// tests/interop/json-values.test.ts checks it against json.loads itself.

/** A value json.loads returns: null is kept so that callers can say where it is. */
export type PyJsonValue = MetadataValue | null | PyJsonValue[] | { [key: string]: PyJsonValue };

export type PyJsonResult =
  | { readonly ok: true; readonly value: PyJsonValue }
  /** `refused`: Python reads it, but Model Shelf cannot store it; else it is not JSON to Python. */
  | { readonly ok: false; readonly reason: string; readonly refused?: boolean };

class NotJson extends Error {}
class Refused extends Error {}

const WS = /[ \t\n\r]*/y;
// Runs of characters a string may hold as they are: no quote, no backslash, no control character (strict=True).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const PLAIN = /[^"\\\x00-\x1f]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function where(path: string): string {
  return path === '' ? 'the value' : `'${path}'`;
}

class Scanner {
  private i = 0;
  private readonly s: string;
  private readonly path: string;
  constructor(s: string, path: string) {
    this.s = s;
    this.path = path;
  }

  parseDocument(): PyJsonValue {
    // A BOM is not whitespace: Python says "Unexpected UTF-8 BOM".
    this.skipWs();
    const value = this.value(this.path, 0);
    this.skipWs();
    if (this.i !== this.s.length) throw new NotJson(`extra data at character ${this.i + 1}`);
    return value;
  }

  private skipWs(): void {
    WS.lastIndex = this.i;
    WS.exec(this.s);
    this.i = WS.lastIndex;
  }

  private take(word: string): boolean {
    if (!this.s.startsWith(word, this.i)) return false;
    this.i += word.length;
    return true;
  }

  private value(path: string, depth: number): PyJsonValue {
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '{' || c === '[') {
      if (depth >= MAX_METADATA_DEPTH) {
        throw new Refused(`${where(path)} is nested more than ${MAX_METADATA_DEPTH} lists or maps deep, which BentoML cannot be relied on to read`);
      }
      return c === '{' ? this.object(path, depth) : this.array(path, depth);
    }
    if (this.take('null')) return null;
    if (this.take('true')) return true;
    if (this.take('false')) return false;
    if (this.take('NaN')) return floatValue(Number.NaN);
    if (this.take('Infinity')) return floatValue(Number.POSITIVE_INFINITY);
    if (this.take('-Infinity')) return floatValue(Number.NEGATIVE_INFINITY);
    return this.number();
  }

  private number(): PyJsonValue {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (!m) throw new NotJson(`expecting a value at character ${this.i + 1}`);
    this.i = NUMBER.lastIndex;
    const text = m[0];
    if (m[1] !== undefined || m[2] !== undefined) return floatValue(Number(text));
    // int(): every digit, but Python refuses more than sys.get_int_max_str_digits() of them (ValueError).
    if (text.replace('-', '').length > PY_INT_MAX_DIGITS) throw new NotJson(`an integer has more than ${PY_INT_MAX_DIGITS} digits, which Python refuses to read`);
    const n = Number(text);
    return Number.isSafeInteger(n) ? (n === 0 ? 0 : n) : BigInt(text);
  }

  private string(): string {
    this.i += 1; // the opening quote
    let out = '';
    for (;;) {
      PLAIN.lastIndex = this.i;
      PLAIN.exec(this.s);
      out += this.s.slice(this.i, PLAIN.lastIndex);
      this.i = PLAIN.lastIndex;
      const c = this.s[this.i];
      if (c === '"') {
        this.i += 1;
        return out;
      }
      if (c === undefined) throw new NotJson('unterminated string');
      if (c !== '\\') throw new NotJson(`invalid control character at character ${this.i + 1}`);
      const e = this.s[this.i + 1];
      if (e === 'u') {
        const hex = this.s.slice(this.i + 2, this.i + 6);
        if (!HEX4.test(hex)) throw new NotJson(`invalid \\uXXXX escape at character ${this.i + 1}`);
        // UTF-16 units: a high and a low surrogate escape make one character, as in Python.
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.i += 6;
      } else {
        const plain = e === undefined ? undefined : ESCAPES[e];
        if (plain === undefined) throw new NotJson(`invalid escape at character ${this.i + 1}`);
        out += plain;
        this.i += 2;
      }
    }
  }

  private array(path: string, depth: number): PyJsonValue[] {
    this.i += 1;
    const out: PyJsonValue[] = [];
    this.skipWs();
    if (this.take(']')) return out;
    for (;;) {
      this.skipWs();
      out.push(this.value(`${path}[${out.length}]`, depth + 1));
      this.skipWs();
      if (this.take(']')) return out;
      if (!this.take(',')) throw new NotJson(`expecting ',' or ']' at character ${this.i + 1}`);
    }
  }

  private object(path: string, depth: number): { [key: string]: PyJsonValue } {
    this.i += 1;
    const out: { [key: string]: PyJsonValue } = {};
    this.skipWs();
    if (!this.take('}')) {
      for (;;) {
        this.skipWs();
        if (this.s[this.i] !== '"') throw new NotJson(`expecting a property name in double quotes at character ${this.i + 1}`);
        const key = this.string();
        this.skipWs();
        if (!this.take(':')) throw new NotJson(`expecting ':' at character ${this.i + 1}`);
        this.skipWs();
        const value = this.value(path === '' ? key : `${path}.${key}`, depth + 1);
        // Duplicate keys: the last value wins in the first key's place, like a dict. A plain
        // assignment to '__proto__' would set the prototype instead.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        this.skipWs();
        if (this.take('}')) break;
        if (!this.take(',')) throw new NotJson(`expecting ',' or '}' at character ${this.i + 1}`);
      }
    }
    const keys = Object.keys(out);
    if (keys.length === 1 && WRAPPER_KEYS.includes(keys[0] ?? '')) {
      // { "$float": ... } and friends are how typed values travel inside Model Shelf (model-types.ts).
      throw new Refused(`${where(path)} is a map whose only key is '${keys[0]}', which Model Shelf uses for typed values; add another key or rename it`);
    }
    return out;
  }
}

/**
 * Python's json.loads(text), or why it fails (`refused` when Python reads it but Model Shelf
 * cannot store it). `path` names the value in the reasons (`'params.layers'`; '' for "the value").
 */
export function parsePythonJson(text: string, path = ''): PyJsonResult {
  try {
    return { ok: true, value: new Scanner(text, path).parseDocument() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message, refused: true };
    if (error instanceof NotJson) return { ok: false, reason: error.message };
    throw error;
  }
}
