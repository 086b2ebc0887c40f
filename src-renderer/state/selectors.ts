// Memoized derivations shared by components and actions: each step recomputes only when its
// inputs change by reference, so a search keystroke never regroups 10,000 versions.
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { filterGroups, groupVersions, sortGroups, type LabelFilter, type ModelGroup, type SortKey } from './model-groups.ts';
import { narrowingSearch } from './search-narrowing.ts';
import type { AppState } from './store.ts';

function memoOne<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let last: R;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => Object.is(a, args[i]))) return last;
    last = fn(...args);
    lastArgs = args;
    return last;
  };
}

const EMPTY: readonly ModelVersion[] = [];
const allGroups = memoOne((versions: readonly ModelVersion[]) => groupVersions(versions));
// Sorted once per snapshot and sort order; a search only filters that list, which keeps its order
// (a stable sort of the matches is the matches of the stable sort), so a keystroke sorts nothing.
const ordered = memoOne((groups: readonly ModelGroup[], sort: SortKey) => sortGroups(groups, sort));
const searched = narrowingSearch();
// Label filters give a model narrowed to the versions that carry the labels, with its own size and
// newest time, so those lists are filtered and sorted as before (not narrowed key by key).
const labelFiltered = memoOne((groups: readonly ModelGroup[], search: string, filters: readonly LabelFilter[], sort: SortKey) =>
  sortGroups(filterGroups(groups, search, filters), sort),
);
// One index per list, kept while the list is (a keystroke back to an earlier query finds it again).
const indexes = new WeakMap<readonly ModelGroup[], ReadonlyMap<string, ModelGroup>>();
function byName(groups: readonly ModelGroup[]): ReadonlyMap<string, ModelGroup> {
  let index = indexes.get(groups);
  if (!index) indexes.set(groups, (index = new Map(groups.map((g) => [g.name, g]))));
  return index;
}
const versionIndex = memoOne((versions: readonly ModelVersion[]) => new Map(versions.map((v) => [v.tag, v])));

export function selectAllGroups(s: AppState): readonly ModelGroup[] {
  return allGroups(s.snapshot?.versions ?? EMPTY);
}

/** The model list as shown: searched, label-filtered, sorted. */
export function selectVisibleGroups(s: AppState): readonly ModelGroup[] {
  if (s.labelFilters.length > 0) return labelFiltered(selectAllGroups(s), s.search, s.labelFilters, s.sort);
  return searched(ordered(selectAllGroups(s), s.sort), s.search);
}

/** The active name's group as filtered (label filters narrow its versions), else unfiltered. */
export function selectActiveGroup(s: AppState): ModelGroup | undefined {
  if (!s.activeName) return undefined;
  return byName(selectVisibleGroups(s)).get(s.activeName) ?? byName(selectAllGroups(s)).get(s.activeName);
}

/** The active model's group as the list shows it; undefined while search or label filters hide it,
 * so nothing hidden can be acted on (the pane says it is hidden instead). */
export function selectShownGroup(s: AppState): ModelGroup | undefined {
  if (!s.activeName) return undefined;
  return byName(selectVisibleGroups(s)).get(s.activeName);
}

/** What an action may touch: only what the screen shows. The stored selection stays as it was, so
 * clearing the search brings it back, but a hidden model or version is never deleted, exported,
 * revealed or copied. */
export interface Actionable {
  /** The active version, when its row is shown. */
  readonly tag: string | null;
  /** Ticked versions that are shown (falls back to the active one). */
  readonly tags: readonly string[];
  /** Selected models that are shown (falls back to the active one). */
  readonly names: readonly string[];
}

// Memoized on its inputs: components read it on every store change (a keystroke, a push), and a
// model may have thousands of versions.
const actionable = memoOne(
  (visible: ReadonlyMap<string, ModelGroup>, activeName: string | null, activeTag: string | null, selectedTags: readonly string[], selectedNames: readonly string[]): Actionable => {
    const group = activeName ? visible.get(activeName) : undefined;
    const shownTags = new Set(group?.versions.map((v) => v.tag) ?? []);
    const tag = activeTag && shownTags.has(activeTag) ? activeTag : null;
    const ticked = selectedTags.filter((t) => shownTags.has(t));
    const names = selectedNames.filter((n) => visible.has(n));
    return {
      tag,
      tags: ticked.length ? ticked : tag ? [tag] : [],
      names: names.length ? names : group ? [group.name] : [],
    };
  },
);

export function selectActionable(s: AppState): Actionable {
  const visible = byName(selectVisibleGroups(s));
  return actionable(visible, s.activeName, s.activeTag, s.selectedTags, s.selectedNames);
}

export function selectGroup(s: AppState, name: string): ModelGroup | undefined {
  return byName(selectAllGroups(s)).get(name);
}

export function selectVersion(s: AppState, tag: string | null): ModelVersion | undefined {
  if (!tag) return undefined;
  return versionIndex(s.snapshot?.versions ?? EMPTY).get(tag);
}
