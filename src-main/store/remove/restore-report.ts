import { isShelfError, ShelfError } from '../../shared/errors.ts';

// A restore of several trash items (an Undo of a bulk relabel, `trash restore A B C`) puts back
// every one it can: one that cannot (its file changed since, its tag exists again, it is no longer
// in the trash) stays where it is, in the trash with its undo data, and the answer says in one
// sentence which were not put back and why. Stopping at the first one would leave the others
// undone for no reason, and refusing all because of one would too.

/** One item that was not put back: its tag when known, and why (a ShelfError's sentence and code). */
export interface KeptItem {
  readonly id: string;
  readonly tag: string | null;
  readonly error: ShelfError;
}

// Kept beside the error, not in its details: a single refusal crosses IPC exactly as before.
const reasons = new WeakMap<ShelfError, string>();

/** Gives a refusal its clause for a report of several ("was changed after that edit, ..."). */
export function withReason(error: ShelfError, reason: string): ShelfError {
  reasons.set(error, reason);
  return error;
}

/** Why an item was not put back, as a clause after its tag; another sentence is quoted in parentheses. */
function clause(item: KeptItem): string {
  const reason = reasons.get(item.error);
  const who = item.tag === null ? `'${item.id}'` : `'${item.tag}'`;
  if (typeof reason === 'string') return `${who} ${reason}`;
  return `${who} (${item.error.message.replace(/\.$/, '')})`;
}

const list = (words: readonly string[]): string => (words.length <= 2 ? words.join(' and ') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`);

/**
 * The one error for items that were not put back, or null when all were. A single item asked
 * for keeps its own sentence; several say what was put back and what was not, and why.
 */
export function keptError(asked: number, restoredTags: readonly string[], kept: readonly KeptItem[]): ShelfError | null {
  const first = kept[0];
  if (first === undefined) return null;
  if (asked === 1) return first.error;
  const done = restoredTags.length > 0 ? `Put back ${list(restoredTags.map((t) => `'${t}'`))}, but ` : 'Nothing was put back: ';
  const why = kept.map(clause).join('; ');
  // The first item's code: the window and the CLI map a code to words, the sentence says the rest.
  return new ShelfError(first.error.code, `${done}${why}.`, {
    details: { restored: [...restoredTags], kept: kept.map((k) => ({ id: k.id, tag: k.tag, code: k.error.code, message: k.error.message })) },
  });
}

/** A ShelfError is an item's own refusal; anything else is a fault of Model Shelf's and goes up. */
export function asKept(id: string, tag: string | null, error: unknown): KeptItem {
  if (!isShelfError(error)) throw error;
  return { id, tag, error };
}
