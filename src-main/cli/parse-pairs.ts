import { InvalidArgumentError } from 'commander';
import type { MetadataValue } from '../shared/model-types.ts';

/** Commander collector for repeatable `KEY=VALUE` options. */
export function collectPair(value: string, previous: [string, string][] = []): [string, string][] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`'${value}' is not KEY=VALUE.`);
  return [...previous, [value.slice(0, at), value.slice(at + 1)]];
}

/**
 * A `--metadata` value: JSON when it parses as JSON (numbers, true/false, lists, maps, quoted
 * strings), otherwise the text itself, so `08` or `1e3x` stay strings as JSON says. Integers
 * beyond 2^53 keep every digit as bigint, at any depth (the reviver sees the source text).
 */
export function metadataValue(text: string): MetadataValue {
  try {
    const parsed: unknown = JSON.parse(text, keepBigIntegers);
    if (parsed === null) return text; // BentoML refuses None values (§5.2); keep the word
    return parsed as MetadataValue;
  } catch {
    return text;
  }
}

function keepBigIntegers(this: unknown, _key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
}
