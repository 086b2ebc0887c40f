// What a bulk action takes: exactly the ticked versions the screen shows, counted for the bar
// ("12 versions of 3 models"), with the ticked ones a search or filter hides counted apart so the
// bar can say they are left out. Nothing hidden is ever acted on silently.
import type { ModelGroup } from '../model-groups.ts';
import { selectActionable, selectVisibleGroups } from '../selectors.ts';
import type { AppState } from '../store.ts';

export interface BulkScope {
  /** 'marked': a bulk selection across models; 'ticked': several versions ticked in one model. */
  readonly source: 'marked' | 'ticked' | null;
  /** The versions an action takes, in the list's order. */
  readonly tags: readonly string[];
  /** How many models those versions belong to. */
  readonly models: number;
  /** Ticked versions that the search or filters hide now: never acted on. */
  readonly hidden: number;
}

export interface MatchingScope {
  /** Built when first read (an action), not on each search keystroke that only counts. */
  readonly tags: readonly string[];
  readonly versions: number;
  readonly models: number;
}

/** Every version of every model the current search and filters show. */
export function matchingScope(visible: readonly ModelGroup[]): MatchingScope {
  let models = 0;
  let versions = 0;
  for (const g of visible) {
    if (g.versions.length === 0) continue;
    models += 1;
    versions += g.versions.length;
  }
  let tags: string[] | null = null;
  return {
    models,
    versions,
    get tags() {
      return (tags ??= visible.flatMap((g) => g.versions.map((v) => v.tag)));
    },
  };
}

/** The marked tags the screen shows, in the list's order, and how many are hidden. */
export function markedScope(visible: readonly ModelGroup[], marked: readonly string[]): BulkScope {
  const want = new Set(marked);
  const tags: string[] = [];
  let models = 0;
  for (const g of visible) {
    const before = tags.length;
    for (const v of g.versions) if (want.has(v.tag)) tags.push(v.tag);
    if (tags.length > before) models += 1;
  }
  return { source: 'marked', tags, models, hidden: want.size - tags.length };
}

const NONE: BulkScope = { source: null, tags: [], models: 0, hidden: 0 };

let lastKey: readonly unknown[] = [];
let last: BulkScope = NONE;

/** The bulk bar's scope: the bulk selection when it is on, else several versions ticked in the shown model. */
export function selectBulkScope(s: AppState): BulkScope {
  const visible = selectVisibleGroups(s);
  const ticked = selectActionable(s).tags;
  const key = [visible, s.marked, ticked];
  if (key.every((k, i) => Object.is(k, lastKey[i]))) return last;
  lastKey = key;
  if (s.marked !== null) last = markedScope(visible, s.marked);
  else if (ticked.length > 1) last = { source: 'ticked', tags: ticked, models: 1, hidden: 0 };
  else last = NONE;
  return last;
}

let lastVisible: readonly ModelGroup[] | null = null;
let lastMatching: MatchingScope = { tags: [], versions: 0, models: 0 };

/** What "Select all N matching the filter" would tick (memoized on the shown list). */
export function selectMatching(s: AppState): MatchingScope {
  const visible = selectVisibleGroups(s);
  if (visible !== lastVisible) {
    lastVisible = visible;
    lastMatching = matchingScope(visible);
  }
  return lastMatching;
}

/** True while a search or a label filter narrows the lists. */
export const selectFiltering = (s: AppState): boolean => s.search.trim() !== '' || s.labelFilters.length > 0;
