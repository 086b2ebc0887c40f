// The metadata editor's typed rows -> metadata values, with one reason per bad row.
// Types follow what BentoML stores and reads back (format spec §5.2).
import type { MetadataValue } from '../../src-main/shared/model-types.ts';
import { parsePythonJson } from '../../src-main/shared/python-json.ts';
import { metadataProblems, wrapperKind } from '../../src-main/shared/value-rules.ts';
import { parseYamlTimestamp } from '../../src-main/shared/yaml-timestamp.ts';

export type MetaType = 'text' | 'number' | 'boolean' | 'date' | 'json';

export const META_TYPES: readonly { readonly type: MetaType; readonly label: string }[] = [
  { type: 'text', label: 'text' },
  { type: 'number', label: 'number' },
  { type: 'boolean', label: 'boolean' },
  { type: 'date', label: 'date' },
  { type: 'json', label: 'JSON' },
];

export type Parsed = { readonly ok: true; readonly value: MetadataValue } | { readonly ok: false; readonly reason: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function parseMetaValue(type: MetaType, text: string): Parsed {
  switch (type) {
    case 'text':
      return { ok: true, value: text };
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, reason: 'Choose true or false.' };
    case 'number':
      return parseNumber(text.trim());
    case 'date':
      return parseDate(text.trim());
    case 'json':
      return parseJson(text);
  }
}

function isNumber(value: unknown): value is MetadataValue {
  return typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'object' && value !== null && wrapperKind(value as Record<string, unknown>) === '$float');
}

// A number is what Python's json.loads reads as int or float, as on the command line: 42 is an
// int (every digit kept beyond 2^53), 1e3 and 1.0 are floats, NaN and Infinity are floats too.
function parseNumber(text: string): Parsed {
  if (text === '') return { ok: false, reason: 'Enter a number.' };
  const parsed = parsePythonJson(text);
  if (parsed.ok && isNumber(parsed.value)) return { ok: true, value: parsed.value };
  return { ok: false, reason: `'${text}' is not a number (write it as JSON does, such as 42, 0.5 or 1e3).` };
}

function parseDate(text: string): Parsed {
  // Only a bare date reads back as a date in Python; a datetime would come back as a string (§5.2).
  if (!DATE_RE.test(text) || parseYamlTimestamp(text) === null) {
    return { ok: false, reason: 'Enter a date as YYYY-MM-DD, for example 2025-03-15.' };
  }
  return { ok: true, value: { $date: text } };
}

function capitalized(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: false, reason: 'Enter a JSON list or map, for example [1, 2] or {"depth": 4}.' };
  const parsed = parsePythonJson(text);
  if (!parsed.ok) return { ok: false, reason: parsed.refused ? `${capitalized(parsed.reason)}.` : `Not valid JSON: ${parsed.reason}.` };
  const value = parsed.value;
  const isMap = typeof value === 'object' && value !== null && !Array.isArray(value) && wrapperKind(value as Record<string, unknown>) === null;
  if (!Array.isArray(value) && !isMap) {
    return { ok: false, reason: 'Use JSON for lists and maps only; pick text, number or boolean for a single value.' };
  }
  const problem = metadataProblems({ value })[0];
  if (problem) {
    const where = problem.path.replace(/^value\.?/, '');
    return { ok: false, reason: problem.message.replace(`'${problem.path}'`, where ? `'${where}'` : 'value') };
  }
  return { ok: true, value: value as MetadataValue };
}

/** What a stored value looks like in the editor (used when prefilling from a version). */
export function metaTypeOf(value: MetadataValue): MetaType {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (isNumber(value)) return 'number';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && '$date' in value) return 'date';
  return 'json';
}
