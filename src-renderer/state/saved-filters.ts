// Saved filters (issue 12 view 18): a search and label filters kept under a name ("prod", "mine")
// in the sidebar, remembered across launches in the window's localStorage.
import { create } from 'zustand';
import type { LabelFilter } from './model-groups.ts';
import { reconcileSelection } from './actions/selection.ts';
import { setState } from './store.ts';

export interface SavedFilter {
  readonly name: string;
  readonly search: string;
  readonly filters: readonly LabelFilter[];
}

const KEY = 'model-shelf.saved-filters';

function load(): SavedFilter[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter((f): f is SavedFilter => !!f && typeof (f as SavedFilter).name === 'string' && typeof (f as SavedFilter).search === 'string' && Array.isArray((f as SavedFilter).filters));
  } catch {
    // A damaged entry is forgotten.
    return [];
  }
}

export const useSavedFilters = create<{ readonly list: readonly SavedFilter[] }>()(() => ({ list: load() }));

function save(list: readonly SavedFilter[]): void {
  useSavedFilters.setState({ list });
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or off: only not remembered.
  }
}

/** Saves (or replaces, by name) what the list is filtered by now. */
export function saveFilter(name: string, search: string, filters: readonly LabelFilter[]): void {
  const list = useSavedFilters.getState().list.filter((f) => f.name !== name);
  save([...list, { name, search: search.trim(), filters }]);
}

export function removeSavedFilter(name: string): void {
  save(useSavedFilters.getState().list.filter((f) => f.name !== name));
}

export function applySavedFilter(f: SavedFilter): void {
  setState({ search: f.search, labelFilters: f.filters });
  reconcileSelection();
}

export function describeFilter(f: Pick<SavedFilter, 'search' | 'filters'>): string {
  return [f.search ? `search “${f.search}”` : '', ...f.filters.map((x) => `${x.key}=${x.value}`)].filter(Boolean).join(' and ');
}
