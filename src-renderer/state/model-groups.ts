// Pure derivations for the model list: group versions by name, search, label filters, sort.
// Built for 10,000 versions: grouping is one pass, and each group carries lowercase search
// strings so typing in the search box never re-lowercases every version.
import type { Labels, ModelVersion } from '../../src-main/shared/model-types.ts';

export interface ModelGroup {
  readonly name: string;
  /** Newest first, the snapshot's order (BentoML's `models list` order). */
  readonly versions: readonly ModelVersion[];
  /** The version `latest` points at, else the newest. */
  readonly latest: ModelVersion | undefined;
  readonly totalSize: number;
  readonly newestMs: number;
  readonly newestTime: string;
  /** What is true of the model's labels across its versions, shown as chips (not only the latest's). */
  readonly labelChips: readonly LabelChip[];
  readonly broken: number;
  readonly incomplete: number;
  readonly searchName: string;
  /** '\n' + every version, lowercase, so a prefix test is one `includes('\n' + q)`. */
  readonly searchVersions: string;
  /** Every `key=value` of every version, lowercase. */
  readonly searchLabels: string;
}

/** One label key across a model's versions: its values, most common first, and on how many versions. */
export interface LabelChip {
  readonly key: string;
  readonly values: readonly { readonly value: string; readonly count: number }[];
  /** Versions that carry the key at all. */
  readonly carried: number;
}

export interface LabelFilter {
  readonly key: string;
  readonly value: string;
}

export type SortKey = 'name' | 'newest' | 'size';

export function makeGroup(name: string, versions: readonly ModelVersion[]): ModelGroup {
  let totalSize = 0;
  let broken = 0;
  let incomplete = 0;
  let newest: ModelVersion | undefined;
  let latest: ModelVersion | undefined;
  const labelText = new Set<string>();
  const byKey = new Map<string, Map<string, number>>();
  for (const v of versions) {
    totalSize += v.size;
    if (v.status === 'broken') broken += 1;
    if (v.status === 'incomplete') incomplete += 1;
    if (v.latest && !latest) latest = v;
    if (!newest || timeOf(v) > timeOf(newest)) newest = v;
    for (const [k, val] of Object.entries(v.labels)) {
      labelText.add(`${k}=${val}`.toLowerCase());
      let values = byKey.get(k);
      if (!values) byKey.set(k, (values = new Map<string, number>()));
      values.set(val, (values.get(val) ?? 0) + 1);
    }
  }
  latest ??= versions.find((v) => v.status === 'ok') ?? versions[0];
  return {
    name,
    versions,
    latest,
    totalSize,
    newestMs: newest ? timeOf(newest) : Number.NEGATIVE_INFINITY,
    newestTime: newest?.creationTime ?? '',
    labelChips: chipsOf(byKey, latest?.labels ?? {}),
    broken,
    incomplete,
    searchName: name.toLowerCase(),
    searchVersions: '\n' + versions.map((v) => v.version.toLowerCase()).join('\n'),
    searchLabels: [...labelText].join('\n'),
  };
}

/** Keys the latest version carries first (in its order), then the rest by name; values by count, the latest's first on a tie. */
function chipsOf(byKey: ReadonlyMap<string, ReadonlyMap<string, number>>, latest: Labels): LabelChip[] {
  const keys = [...byKey.keys()].sort((a, b) => Number(b in latest) - Number(a in latest) || (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => {
    const counts = byKey.get(key)!;
    const values = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || Number(b.value === latest[key]) - Number(a.value === latest[key]));
    return { key, values, carried: values.reduce((n, v) => n + v.count, 0) };
  });
}

/** The chip's text: `owner=ml-team` when every version agrees, `stage: prod, canary` when they differ. */
export function chipText(c: LabelChip): string {
  return c.values.length === 1 ? `${c.key}=${c.values[0]!.value}` : `${c.key}: ${c.values.map((v) => v.value).join(', ')}`;
}

/** The chip's tooltip: how many of the versions carry each value. */
export function chipTitle(c: LabelChip, versions: number): string {
  return `${c.key} on ${c.carried} of ${versions} version${versions === 1 ? '' : 's'}: ${c.values.map((v) => `${v.value || '(empty)'} (${v.count})`).join(', ')}`;
}

/** Why a model matched a search that its name does not contain: a version or a label. Null otherwise. */
export function matchReason(g: ModelGroup, query: string): string | null {
  const q = query.trim().toLowerCase();
  if (!q || q.includes(':') || g.searchName.includes(q)) return null;
  const version = g.versions.find((v) => v.version.toLowerCase().startsWith(q));
  if (version) return `version ${version.version}`;
  const hits = g.versions.flatMap((v) => Object.entries(v.labels).filter(([k, val]) => `${k}=${val}`.toLowerCase().includes(q)));
  if (hits.length === 0) return null;
  const [k, val] = hits[0]!;
  const on = g.versions.filter((v) => v.labels[k] === val).length;
  return `label ${k}=${val}${g.versions.length > 1 ? ` (${on} of ${g.versions.length} versions)` : ''}`;
}

function timeOf(v: ModelVersion): number {
  return Number.isNaN(v.creationTimeMs) ? Number.NEGATIVE_INFINITY : v.creationTimeMs;
}

export function groupVersions(versions: readonly ModelVersion[]): ModelGroup[] {
  const byName = new Map<string, ModelVersion[]>();
  for (const v of versions) {
    const list = byName.get(v.name);
    if (list) list.push(v);
    else byName.set(v.name, [v]);
  }
  return [...byName].map(([name, list]) => makeGroup(name, list));
}

/** `key=value` (value may be empty) -> filter; anything else -> null. */
export function parseLabelFilter(text: string): LabelFilter | null {
  const at = text.indexOf('=');
  if (at <= 0) return null;
  const key = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  return key ? { key, value } : null;
}

export function matchesLabels(v: ModelVersion, filters: readonly LabelFilter[]): boolean {
  return filters.every((f) => v.labels[f.key] === f.value);
}

/** Does the group match the search? Name substring, version prefix, or label text; `name:ver` narrows both. */
export function matchesQuery(g: ModelGroup, query: string): boolean {
  return queryMatcher(query)(g);
}

/** The query as matched: trimmed and lowercased. */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

// The query is trimmed, lowercased and split once per keystroke, not once per model (issue 13:
// 1,000 models per keystroke).
function queryMatcher(query: string): (g: ModelGroup) => boolean {
  return matcherFor(normalizeQuery(query));
}

/** The search test for a query already normalized (normalizeQuery). */
export function matcherFor(q: string): (g: ModelGroup) => boolean {
  if (!q) return () => true;
  const colon = q.indexOf(':');
  if (colon > 0) {
    const name = q.slice(0, colon);
    const version = q.slice(colon + 1);
    const versionLine = '\n' + version;
    return (g) => g.searchName === name && (version === '' || version === 'latest' || g.searchVersions.includes(versionLine));
  }
  const line = '\n' + q;
  return (g) => g.searchName.includes(q) || g.searchVersions.includes(line) || g.searchLabels.includes(q);
}

/** Search keeps whole groups; label filters (AND) keep only the versions that carry every label. */
export function filterGroups(groups: readonly ModelGroup[], query: string, filters: readonly LabelFilter[]): ModelGroup[] {
  const out: ModelGroup[] = [];
  const matches = queryMatcher(query);
  for (const g of groups) {
    if (!matches(g)) continue;
    if (filters.length === 0) {
      out.push(g);
      continue;
    }
    const kept = g.versions.filter((v) => matchesLabels(v, filters));
    if (kept.length === g.versions.length) out.push(g);
    else if (kept.length > 0) out.push(makeGroup(g.name, kept));
  }
  return out;
}

export function sortGroups(groups: readonly ModelGroup[], key: SortKey): ModelGroup[] {
  const copy = [...groups];
  if (key === 'name') copy.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  else if (key === 'size') copy.sort((a, b) => b.totalSize - a.totalSize || (a.name < b.name ? -1 : 1));
  else copy.sort((a, b) => b.newestMs - a.newestMs || (b.newestTime > a.newestTime ? 1 : b.newestTime < a.newestTime ? -1 : 0));
  return copy;
}

/** Label keys and values across the store, for the filter suggestions. */
export function labelPairs(groups: readonly ModelGroup[]): string[] {
  const set = new Set<string>();
  for (const g of groups) for (const v of g.versions) for (const [k, val] of Object.entries(v.labels)) set.add(`${k}=${val}`);
  return [...set].sort();
}
