// The metadata editor's typed rows -> metadata values, with one reason per bad row.
// Types follow what BentoML stores and reads back (format spec §5.2).
import type { MetadataValue } from '../../src-main/shared/model-types.ts';
import { metadataProblems } from '../../src-main/shared/value-rules.ts';
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

const INT_RE = /^[-+]?\d+$/;
const FLOAT_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
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

function parseNumber(text: string): Parsed {
  if (text === '') return { ok: false, reason: 'Enter a number.' };
  if (INT_RE.test(text)) {
    // Integers beyond 2^53 stay exact as BigInt; BentoML writes them in full (§5.2).
    const big = BigInt(text);
    const small = Number(big);
    return { ok: true, value: Number.isSafeInteger(small) ? small : big };
  }
  if (!FLOAT_RE.test(text)) return { ok: false, reason: `'${text}' is not a number (use digits, '.', and e for exponents).` };
  const n = Number(text);
  if (!Number.isFinite(n)) return { ok: false, reason: 'The number is too large; BentoML cannot store infinity.' };
  return { ok: true, value: n };
}

function parseDate(text: string): Parsed {
  // Only a bare date reads back as a date in Python; a datetime would come back as a string (§5.2).
  if (!DATE_RE.test(text) || parseYamlTimestamp(text) === null) {
    return { ok: false, reason: 'Enter a date as YYYY-MM-DD, for example 2025-03-15.' };
  }
  return { ok: true, value: { $date: text } };
}

function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: false, reason: 'Enter a JSON list or map, for example [1, 2] or {"depth": 4}.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `Not valid JSON: ${(e as Error).message}.` };
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, reason: 'Use JSON for lists and maps only; pick text, number or boolean for a single value.' };
  }
  if (hasUnsafeInteger(value)) {
    return { ok: false, reason: 'An integer in this JSON is too large to keep exactly; put it in its own number row.' };
  }
  const problem = metadataProblems({ value })[0];
  if (problem) {
    const where = problem.path.replace(/^value\.?/, '');
    return { ok: false, reason: problem.message.replace(`'${problem.path}'`, where ? `'${where}'` : 'value') };
  }
  return { ok: true, value: value as MetadataValue };
}

function hasUnsafeInteger(x: unknown): boolean {
  if (typeof x === 'number') return Number.isInteger(x) && !Number.isSafeInteger(x);
  if (Array.isArray(x)) return x.some(hasUnsafeInteger);
  if (typeof x === 'object' && x !== null) return Object.values(x).some(hasUnsafeInteger);
  return false;
}

/** What a stored value looks like in the editor (used when prefilling from a version). */
export function metaTypeOf(value: MetadataValue): MetaType {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && '$date' in value) return 'date';
  return 'json';
}
