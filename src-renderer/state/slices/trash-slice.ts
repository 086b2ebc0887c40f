import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { TrashEntry } from '../../../src-main/shared/model-types.ts';

export interface TrashSlice {
  trashOpen: boolean;
  trashEntries: readonly TrashEntry[];
  trashLoading: boolean;
  trashError: ErrorInfo | null;
  trashSelected: readonly string[];
  confirmEmpty: boolean;
}

export const initialTrash = (): TrashSlice => ({
  trashOpen: false,
  trashEntries: [],
  trashLoading: false,
  trashError: null,
  trashSelected: [],
  confirmEmpty: false,
});
