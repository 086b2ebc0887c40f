// Values with their exact Python type, in the form tests/interop/py/bento_ops.py `typed()` prints:
// JSON alone cannot tell 1000 from 1000.0 or 0 from -0.0, and so could not catch a float that
// became an int on the way into BentoML.
import { pyFloatRepr } from '../../../src-main/shared/py-float.ts';

export type Typed =
  | { t: 'none' }
  | { t: 'bool'; r: boolean }
  | { t: 'int' | 'float' | 'str'; r: string }
  | { t: 'list'; v: Typed[] }
  | { t: 'dict'; v: [string, Typed][] };

/** Dict entries sorted by key (the same JS comparison on both sides), so key order does not count. */
export function sortedDicts(value: Typed): Typed {
  if (value.t === 'list') return { t: 'list', v: value.v.map(sortedDicts) };
  if (value.t === 'dict') {
    const entries = value.v.map(([k, v]): [string, Typed] => [k, sortedDicts(v)]);
    return { t: 'dict', v: entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  return value;
}

/** A Model Shelf metadata value (or a parse result with nulls) as Python would type it. */
export function typedOf(value: unknown): Typed {
  if (value === null) return { t: 'none' };
  if (typeof value === 'boolean') return { t: 'bool', r: value };
  if (typeof value === 'bigint') return { t: 'int', r: value.toString() };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { t: 'int', r: String(value) } : { t: 'float', r: pyFloatRepr(value) };
  if (typeof value === 'string') return { t: 'str', r: value };
  if (Array.isArray(value)) return { t: 'list', v: value.map(typedOf) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const only = entries.length === 1 ? entries[0] : undefined;
    if (only?.[0] === '$float') return { t: 'float', r: String(only[1]) };
    return { t: 'dict', v: entries.map(([k, v]) => [k, typedOf(v)]) };
  }
  throw new Error(`no Python type for ${typeof value}`);
}
