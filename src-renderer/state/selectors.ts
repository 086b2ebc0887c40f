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

export function selectGroup(s: AppState, name: string): ModelGroup | undefined {
  return byName(selectAllGroups(s)).get(name);
}

export function selectVersion(s: AppState, tag: string | null): ModelVersion | undefined {
  if (!tag) return undefined;
  return versionIndex(s.snapshot?.versions ?? EMPTY).get(tag);
}
