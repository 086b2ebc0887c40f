import type { LabelFilter, SortKey } from '../model-groups.ts';

export interface FilterSlice {
  search: string;
  labelFilters: readonly LabelFilter[];
  sort: SortKey;
}

export const initialFilter = (): FilterSlice => ({ search: '', labelFilters: [], sort: 'newest' });
