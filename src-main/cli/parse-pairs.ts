import { InvalidArgumentError } from 'commander';
import { ShelfError } from '../shared/errors.ts';
import type { MetadataValue } from '../shared/model-types.ts';
import { parsePythonJson } from '../shared/python-json.ts';

/**
 * Commander collector for repeatable `KEY=VALUE` options (`create --label/--metadata`, `list
 * --label`, `label/metadata --set`, `promote --label`). A key given twice is refused, whatever
 * its values: a version holds one value per key, and keeping the last one silently would store
 * or filter by something the user did not see they lost (`label --set` refused it already).
 */
export function collectPair(value: string, previous: [string, string][] = []): [string, string][] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`'${value}' is not KEY=VALUE.`);
  const key = value.slice(0, at);
  const earlier = previous.find(([k]) => k === key);
  if (earlier !== undefined) throw new InvalidArgumentError(`The key '${key}' is given twice (${key}=${earlier[1]} and ${value}); give each key once.`);
  return [...previous, [key, value.slice(at + 1)]];
}

/**
 * A `--metadata` value is read as Python's json.loads reads it, otherwise it is the text itself:
 * `1e3` and `1.0` are floats, `42` and `2**70` written out are ints, `NaN` is a float, `08` and
 * `v2` are text (shared/python-json.ts). JSON null cannot be stored (BentoML refuses None, §5.2),
 * so it is refused with the way to store the word instead; a null deeper inside is refused by
 * the store's value rules, naming its path.
 */
export function metadataValue(key: string, text: string): MetadataValue {
  const parsed = parsePythonJson(text, key);
  if (!parsed.ok) {
    if (parsed.refused) throw new ShelfError('INVALID_METADATA', `Metadata ${parsed.reason}.`, { details: { path: key } });
    return text;
  }
  if (parsed.value === null) {
    throw new ShelfError('INVALID_METADATA', `Metadata '${key}' is JSON null, which BentoML cannot store; to store the word null as text, quote it: --metadata '${key}="null"'.`, { details: { path: key } });
  }
  return parsed.value as MetadataValue;
}
