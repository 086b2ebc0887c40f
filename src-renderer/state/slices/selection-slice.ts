import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { ModelDetail } from '../../../src-main/shared/model-types.ts';

export type DetailTab = 'overview' | 'labels' | 'files' | 'yaml';

export interface SelectionSlice {
  /** The name whose versions show on the right. */
  activeName: string | null;
  /** Names selected in the model list (Ctrl/Shift click) for deleting whole models. */
  selectedNames: readonly string[];
  nameAnchor: string | null;
  /** The version whose detail shows. */
  activeTag: string | null;
  /** Versions selected in the version list (Ctrl/Shift click). */
  selectedTags: readonly string[];
  tagAnchor: string | null;
  tab: DetailTab;
  detail: ModelDetail | null;
  detailTag: string | null;
  detailError: ErrorInfo | null;
  detailLoading: boolean;
}

export const initialSelection = (): SelectionSlice => ({
  activeName: null,
  selectedNames: [],
  nameAnchor: null,
  activeTag: null,
  selectedTags: [],
  tagAnchor: null,
  tab: 'overview',
  detail: null,
  detailTag: null,
  detailError: null,
  detailLoading: false,
});
