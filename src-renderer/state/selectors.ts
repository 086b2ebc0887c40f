// Memoized derivations shared by components and actions: each step recomputes only when its
// inputs change by reference, so a search keystroke never regroups 10,000 versions.
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { filterGroups, groupVersions, sortGroups, type LabelFilter, type ModelGroup, type SortKey } from './model-groups.ts';
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
const filtered = memoOne((groups: readonly ModelGroup[], search: string, filters: readonly LabelFilter[]) =>
  filterGroups(groups, search, filters),
);
const sorted = memoOne((groups: readonly ModelGroup[], sort: SortKey) => sortGroups(groups, sort));
const byName = memoOne((groups: readonly ModelGroup[]) => new Map(groups.map((g) => [g.name, g])));
// Its own slot: byName also serves the unfiltered groups, and sharing one slot would rebuild both.
const visibleByName = memoOne((groups: readonly ModelGroup[]) => new Map(groups.map((g) => [g.name, g])));
const versionIndex = memoOne((versions: readonly ModelVersion[]) => new Map(versions.map((v) => [v.tag, v])));

export function selectAllGroups(s: AppState): readonly ModelGroup[] {
  return allGroups(s.snapshot?.versions ?? EMPTY);
}

/** The model list as shown: searched, label-filtered, sorted. */
export function selectVisibleGroups(s: AppState): readonly ModelGroup[] {
  return sorted(filtered(selectAllGroups(s), s.search, s.labelFilters), s.sort);
}

/** The active name's group as filtered (label filters narrow its versions), else unfiltered. */
export function selectActiveGroup(s: AppState): ModelGroup | undefined {
  if (!s.activeName) return undefined;
  const visible = byName(filtered(selectAllGroups(s), s.search, s.labelFilters)).get(s.activeName);
  return visible ?? byName(selectAllGroups(s)).get(s.activeName);
}

/** The active model's group as the list shows it; undefined while search or label filters hide it,
 * so nothing hidden can be acted on (the pane says it is hidden instead). */
export function selectShownGroup(s: AppState): ModelGroup | undefined {
  if (!s.activeName) return undefined;
  return visibleByName(filtered(selectAllGroups(s), s.search, s.labelFilters)).get(s.activeName);
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
  const visible = visibleByName(filtered(selectAllGroups(s), s.search, s.labelFilters));
  return actionable(visible, s.activeName, s.activeTag, s.selectedTags, s.selectedNames);
}

export function selectGroup(s: AppState, name: string): ModelGroup | undefined {
  return byName(selectAllGroups(s)).get(name);
}

export function selectVersion(s: AppState, tag: string | null): ModelVersion | undefined {
  if (!tag) return undefined;
  return versionIndex(s.snapshot?.versions ?? EMPTY).get(tag);
}
