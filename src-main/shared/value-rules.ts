import { ShelfError } from './errors.ts';
import type { Labels, Metadata } from './model-types.ts';
import { floatFromText } from './py-float.ts';
import { parseYamlTimestamp } from './yaml-timestamp.ts';

export interface ValueProblem {
  /** Where the bad value is: `owner` for a label, `params.layers[2]` for metadata. */
  readonly path: string;
  readonly message: string;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'object') return 'an object';
  return `a ${typeof x}`;
}

/**
 * The longest label or metadata key Model Shelf writes: model-yaml-write.ts writes keys the plain
 * way, and PyYAML refuses a plain key past 1024 characters (BentoML itself switches to `? key`).
 */
export const MAX_KEY_LENGTH = 1000;

export type KeyField = 'labels' | 'metadata';

/**
 * The one rule for a label or metadata key, for every way a key comes in (CLI create, label,
 * metadata and promote, the create sheet, the label editor, the store API). BentoML 1.4 saves any
 * string key and `bentoml models get` reads it back as written, spaces included (' a' stays ' a'),
 * so a key is kept exactly as given; refused are only a key with no name to show (empty or only
 * spaces) and one longer than Model Shelf can write. Returns the one-sentence refusal, or null.
 */
export function keyProblem(field: KeyField, key: string): string | null {
  const word = field === 'labels' ? 'label' : 'metadata';
  if (key.trim() === '') return `A ${word} key cannot be empty or only spaces; enter a name for it.`;
  if (key.length > MAX_KEY_LENGTH) {
    return `${field === 'labels' ? 'Label' : 'Metadata key'} '${key.slice(0, 40)}...' is longer than ${MAX_KEY_LENGTH} characters, the longest key Model Shelf writes to model.yaml; use a shorter key.`;
  }
  return null;
}

/** Labels are a flat map of string to string (§5.1); anything else is refused, naming the key. */
export function labelProblems(labels: unknown): ValueProblem[] {
  if (!isPlainObject(labels)) return [{ path: '', message: `Labels must be a map of strings, got ${describe(labels)}.` }];
  const problems: ValueProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const bad = keyProblem('labels', key);
    if (bad !== null) problems.push({ path: key, message: bad });
    else if (typeof value !== 'string') {
      problems.push({ path: key, message: `Label '${key}' must be a string, got ${describe(value)}.` });
    }
  }
  return problems;
}

const BASE64_RE = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export type WrapperKey = '$date' | '$binary' | '$float';
export const WRAPPER_KEYS: readonly string[] = ['$date', '$binary', '$float'] satisfies WrapperKey[];

/** A `{ $date }`, `{ $binary }` or `{ $float }` wrapper (model-types YamlDate / YamlBinary / PyFloat), or null for other maps. */
export function wrapperKind(x: Record<string, unknown>): WrapperKey | null {
  const keys = Object.keys(x);
  const only = keys.length === 1 ? keys[0] : undefined;
  return only !== undefined && WRAPPER_KEYS.includes(only) ? (only as WrapperKey) : null;
}

/**
 * Lists and maps nested deeper than this are refused: PyYAML builds them recursively and stops
 * with RecursionError a few hundred levels down (about 400 in a bare safe_load on Python 3.11,
 * fewer inside BentoML), and Model Shelf's own reader stops at 200.
 */
export const MAX_METADATA_DEPTH = 100;

/** Python 3.11+ (and 3.10.7+, 3.9.14+) refuse to read a decimal int longer than this (sys.get_int_max_str_digits). */
export const PY_INT_MAX_DIGITS = 4300;

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function checkValue(value: unknown, path: string, out: ValueProblem[], depth = 0): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'bigint':
      if (digitCount(value) > PY_INT_MAX_DIGITS) {
        out.push({ path, message: `Metadata '${path}' is an integer of ${digitCount(value).toLocaleString('en-US')} digits; Python reads at most ${PY_INT_MAX_DIGITS.toLocaleString('en-US')}, so BentoML could not load the model. Store it as text.` });
      }
      return;
    case 'number':
      if (!Number.isFinite(value)) out.push({ path, message: `Metadata '${path}' is ${value}; only finite numbers can be stored.` });
      return;
    case 'object':
      break;
    default:
      out.push({ path, message: `Metadata '${path}' is ${describe(value)}; use a string, number, boolean, date, list or map.` });
      return;
  }
  if (value === null) {
    // §5.2: a null anywhere in metadata makes BentoML refuse to load the model.
    out.push({ path, message: `Metadata '${path}' is null; BentoML cannot load a model with null metadata. Remove it or use a string.` });
  } else if ((Array.isArray(value) || (isPlainObject(value) && wrapperKind(value) === null)) && depth >= MAX_METADATA_DEPTH) {
    out.push({ path, message: `Metadata '${path}' is nested more than ${MAX_METADATA_DEPTH} lists or maps deep, which BentoML cannot be relied on to read. Flatten it or store it as text.` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}[${i}]`, out, depth + 1));
  } else if (isPlainObject(value)) {
    const kind = wrapperKind(value);
    if (kind === '$float') {
      if (typeof value.$float !== 'string' || floatFromText(value.$float) === null) {
        out.push({ path, message: `Metadata '${path}' is not a valid float (expected text such as '1000.0', 'inf' or 'nan').` });
      }
    } else if (kind === '$date') {
      if (typeof value.$date !== 'string' || parseYamlTimestamp(value.$date) === null) {
        out.push({ path, message: `Metadata '${path}' is not a valid date (expected YYYY-MM-DD).` });
      }
    } else if (kind === '$binary') {
      if (typeof value.$binary !== 'string' || !BASE64_RE.test(value.$binary)) {
        out.push({ path, message: `Metadata '${path}' is not valid base64 binary data.` });
      }
    } else {
      for (const [key, child] of Object.entries(value)) checkValue(child, childPath(path, key), out, depth + 1);
    }
  } else {
    out.push({ path, message: `Metadata '${path}' is ${value instanceof Date ? 'a Date object; write it as an ISO string' : 'an unsupported object'}.` });
  }
}

/** Metadata (§5.2): nested maps/lists of strings, ints, floats, booleans, dates, bytes; never null. */
export function metadataProblems(metadata: unknown): ValueProblem[] {
  if (!isPlainObject(metadata)) return [{ path: '', message: `Metadata must be a map, got ${describe(metadata)}.` }];
  const out: ValueProblem[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    const bad = keyProblem('metadata', key);
    if (bad !== null) out.push({ path: key, message: bad });
    else checkValue(value, key, out);
  }
  return out;
}

export function assertLabels(labels: unknown): Labels {
  const first = labelProblems(labels)[0];
  if (first) throw new ShelfError('INVALID_LABELS', first.message, { details: { path: first.path } });
  return labels as Labels;
}

export function assertMetadata(metadata: unknown): Metadata {
  const first = metadataProblems(metadata)[0];
  if (first) throw new ShelfError('INVALID_METADATA', first.message, { details: { path: first.path } });
  return metadata as Metadata;
}
