// Issue 13 (search keystroke on 10,000 versions): typing narrows. A query that extends an earlier
// one can only match models the earlier one matched, so only those are tested again; Backspace
// goes back to a query already answered and costs nothing. A keystroke that leaves the same models
// returns the very same array, so the list, its virtualizer and the counts above it see no change.
import { matcherFor, normalizeQuery, type ModelGroup } from './model-groups.ts';

/** Models tested against a query since the page loaded: what a keystroke costs, counted by tests. */
export const searchWork = { tested: 0 };

/** Answers kept per list of models: every prefix typed on the way to the longest query, and more. */
const KEPT = 64;

/**
 * `models` (in the list's order) that match `query`, in the same order. Memoized per `models`
 * array: a new array (a store push, another sort) starts afresh.
 */
export function narrowingSearch(): (models: readonly ModelGroup[], query: string) => readonly ModelGroup[] {
  let base: readonly ModelGroup[] | null = null;
  const answers = new Map<string, readonly ModelGroup[]>();
  return (models, query) => {
    const q = normalizeQuery(query);
    if (!q) return models;
    if (models !== base) {
      base = models;
      answers.clear();
    }
    const known = answers.get(q);
    if (known) return known;
    const from = narrowestKnown(answers, q) ?? models;
    const matches = matcherFor(q);
    const out: ModelGroup[] = [];
    for (const g of from) if (matches(g)) out.push(g);
    searchWork.tested += from.length;
    const answer = out.length === from.length ? from : out;
    if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
    answers.set(q, answer);
    return answer;
  };
}

/**
 * The answer for the longest earlier query whose matches hold every match of `q`: a prefix p of
 * `q` that ends at its `name:` colon at the latest. Each test of such a p is implied by the same
 * test of q: a name holding q holds p; `\n` + q in the versions or q in the labels holds p;
 * `name:ver` needs the name to equal q's head, which starts with p (and `name:` takes any version).
 * A longer prefix is not safe: `iris:lates` needs a version starting "lates", `iris:latest` none.
 */
function narrowestKnown(answers: ReadonlyMap<string, readonly ModelGroup[]>, q: string): readonly ModelGroup[] | undefined {
  const colon = q.indexOf(':');
  const longest = colon > 0 ? colon + 1 : q.length - 1;
  for (let n = Math.min(longest, q.length - 1); n > 0; n -= 1) {
    const answer = answers.get(q.slice(0, n));
    if (answer) return answer;
  }
  return undefined;
}
