import { ShelfError } from './errors.ts';
import type { PruneRules } from './housekeeping-types.ts';
import { isValidTagComponent } from './tag-rules.ts';

// What a prune may be asked (issue 11 §2), checked before anything is read or changed. The store
// checks every plan with it and the CLI checks its options with it before loading the store, so a
// refusal reads the same from the CLI and the window.

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * `30d`, `12h`, `2w`, `90m`: a whole number and one unit (minutes, hours, days, weeks). Kept to
 * that on purpose: `ms`-style parsers also take `1.5h`, `2 weeks` or a bare `30` (milliseconds
 * there), and a prune must not guess which one was meant.
 */
export function parseDuration(text: string): number {
  const m = /^(\d{1,7})([mhdw])$/.exec(text.trim());
  const unit = m ? UNIT_MS[m[2] ?? ''] : undefined;
  if (!m || unit === undefined || Number(m[1]) === 0) {
    throw new ShelfError('INVALID_ARGUMENT', `'${text}' is not a duration; write a whole number and a unit, for example 90m, 12h, 30d or 2w.`);
  }
  return Number(m[1]) * unit;
}

/** A checked copy of `rules`: names lowercased and de-duplicated, at least one rule. */
export function checkRules(rules: PruneRules): PruneRules {
  const { keepLast, olderThanMs, labels } = rules;
  if (keepLast !== undefined && (!Number.isSafeInteger(keepLast) || keepLast < 1)) {
    throw new ShelfError('INVALID_ARGUMENT', `--keep-last takes a whole number of at least 1, not '${keepLast}' (the latest version is always kept anyway).`);
  }
  if (olderThanMs !== undefined && (!Number.isFinite(olderThanMs) || olderThanMs <= 0)) {
    throw new ShelfError('INVALID_ARGUMENT', 'The age of --older-than must be more than zero, for example 30d.');
  }
  const labelPairs = Object.entries(labels ?? {});
  if (keepLast === undefined && olderThanMs === undefined && labelPairs.length === 0) {
    throw new ShelfError('INVALID_ARGUMENT', 'Say what to prune with --keep-last N, --older-than DURATION or --label KEY=VALUE; nothing was removed.');
  }
  for (const [key] of labelPairs) {
    if (key === '') throw new ShelfError('INVALID_ARGUMENT', 'A label filter needs a key before the =, for example stage=dev.');
  }
  const names = [...new Set((rules.names ?? []).map((n) => n.trim().toLowerCase()))];
  for (const name of names) {
    if (name.includes(':')) throw new ShelfError('INVALID_ARGUMENT', `prune takes model names, not tags: '${name}' names a version; give '${name.split(':')[0] ?? ''}', or delete that version with \`model-shelf delete ${name}\`.`);
    if (!isValidTagComponent(name)) throw new ShelfError('INVALID_TAG', `'${name}' is not a valid BentoML model name, so there is nothing of that name to prune.`);
  }
  return { ...rules, names };
}
