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
  /** Labels of the latest version, shown as chips. */
  readonly labels: Labels;
  readonly broken: number;
  readonly incomplete: number;
  readonly searchName: string;
  /** '\n' + every version, lowercase, so a prefix test is one `includes('\n' + q)`. */
  readonly searchVersions: string;
  /** Every `key=value` of every version, lowercase. */
  readonly searchLabels: string;
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
  for (const v of versions) {
    totalSize += v.size;
    if (v.status === 'broken') broken += 1;
    if (v.status === 'incomplete') incomplete += 1;
    if (v.latest && !latest) latest = v;
    if (!newest || timeOf(v) > timeOf(newest)) newest = v;
    for (const [k, val] of Object.entries(v.labels)) labelText.add(`${k}=${val}`.toLowerCase());
  }
  latest ??= versions.find((v) => v.status === 'ok') ?? versions[0];
  return {
    name,
    versions,
    latest,
    totalSize,
    newestMs: newest ? timeOf(newest) : Number.NEGATIVE_INFINITY,
    newestTime: newest?.creationTime ?? '',
    labels: latest?.labels ?? {},
    broken,
    incomplete,
    searchName: name.toLowerCase(),
    searchVersions: '\n' + versions.map((v) => v.version.toLowerCase()).join('\n'),
    searchLabels: [...labelText].join('\n'),
  };
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
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const colon = q.indexOf(':');
  if (colon > 0) {
    const name = q.slice(0, colon);
    const version = q.slice(colon + 1);
    return g.searchName === name && (version === '' || version === 'latest' || g.searchVersions.includes('\n' + version));
  }
  return g.searchName.includes(q) || g.searchVersions.includes('\n' + q) || g.searchLabels.includes(q);
}

/** Search keeps whole groups; label filters (AND) keep only the versions that carry every label. */
export function filterGroups(groups: readonly ModelGroup[], query: string, filters: readonly LabelFilter[]): ModelGroup[] {
  const out: ModelGroup[] = [];
  for (const g of groups) {
    if (!matchesQuery(g, query)) continue;
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
