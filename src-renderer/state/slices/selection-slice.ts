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
  /**
   * Versions ticked for a bulk action across models ("Select all N matching the filter"), or null
   * when no bulk selection is on. While it is on, the version lists show these ticks, Ctrl-click
   * and Shift-click change it, picking another model keeps it, and Esc ends it. Actions only ever
   * take the ticked versions the screen shows (bulk-scope.ts).
   */
  marked: readonly string[] | null;
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
  marked: null,
  tab: 'overview',
  detail: null,
  detailTag: null,
  detailError: null,
  detailLoading: false,
});
