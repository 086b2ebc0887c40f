import { parseLabelFilter, type LabelFilter, type SortKey } from '../model-groups.ts';
import { getState, setState } from '../store.ts';
import { reconcileSelection } from './selection.ts';

export function setSearch(search: string): void {
  setState({ search });
}

/** `key=value` text from the filter box; false when it is not in that form. */
export function addLabelFilterText(text: string): boolean {
  const f = parseLabelFilter(text);
  if (!f) return false;
  addLabelFilter(f);
  return true;
}

export function addLabelFilter(f: LabelFilter): void {
  const cur = getState().labelFilters;
  if (cur.some((x) => x.key === f.key && x.value === f.value)) return;
  setState({ labelFilters: [...cur.filter((x) => x.key !== f.key), f] });
  reconcileSelection();
}

export function removeLabelFilter(f: LabelFilter): void {
  setState({ labelFilters: getState().labelFilters.filter((x) => !(x.key === f.key && x.value === f.value)) });
  reconcileSelection();
}

/** Back to the whole store; a selection the search was hiding shows again as it was. */
export function clearSearchAndFilters(): void {
  setState({ search: '', labelFilters: [] });
  reconcileSelection();
}

export function setSort(sort: SortKey): void {
  setState({ sort });
}
