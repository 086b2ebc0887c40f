import { ShelfError } from './errors.ts';
import type { Labels, Metadata } from './model-types.ts';
import { parseYamlTimestamp } from './yaml-timestamp.ts';

export interface ValueProblem {
  /** Where the bad value is: `owner` for a label, `params.layers[2]` for metadata. */
  readonly path: string;
  readonly message: string;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'object') return 'an object';
  return `a ${typeof x}`;
}

/** Labels are a flat map of string to string (§5.1); anything else is refused, naming the key. */
export function labelProblems(labels: unknown): ValueProblem[] {
  if (!isPlainObject(labels)) return [{ path: '', message: `Labels must be a map of strings, got ${describe(labels)}.` }];
  const problems: ValueProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') {
      problems.push({ path: key, message: `Label '${key}' must be a string, got ${describe(value)}.` });
    }
  }
  return problems;
}

const BASE64_RE = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** A `{ $date }` or `{ $binary }` wrapper (model-types YamlDate / YamlBinary), or null for other maps. */
export function wrapperKind(x: Record<string, unknown>): '$date' | '$binary' | null {
  const keys = Object.keys(x);
  if (keys.length !== 1) return null;
  return keys[0] === '$date' ? '$date' : keys[0] === '$binary' ? '$binary' : null;
}

function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function checkValue(value: unknown, path: string, out: ValueProblem[]): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
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
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}[${i}]`, out));
  } else if (isPlainObject(value)) {
    const kind = wrapperKind(value);
    if (kind === '$date') {
      if (typeof value.$date !== 'string' || parseYamlTimestamp(value.$date) === null) {
        out.push({ path, message: `Metadata '${path}' is not a valid date (expected YYYY-MM-DD).` });
      }
    } else if (kind === '$binary') {
      if (typeof value.$binary !== 'string' || !BASE64_RE.test(value.$binary)) {
        out.push({ path, message: `Metadata '${path}' is not valid base64 binary data.` });
      }
    } else {
      for (const [key, child] of Object.entries(value)) checkValue(child, childPath(path, key), out);
    }
  } else {
    out.push({ path, message: `Metadata '${path}' is ${value instanceof Date ? 'a Date object; write it as an ISO string' : 'an unsupported object'}.` });
  }
}

/** Metadata (§5.2): nested maps/lists of strings, finite numbers, booleans, dates; never null. */
export function metadataProblems(metadata: unknown): ValueProblem[] {
  if (!isPlainObject(metadata)) return [{ path: '', message: `Metadata must be a map, got ${describe(metadata)}.` }];
  const out: ValueProblem[] = [];
  for (const [key, value] of Object.entries(metadata)) checkValue(value, key, out);
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
