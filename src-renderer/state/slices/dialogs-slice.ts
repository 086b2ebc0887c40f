import type { InspectedItem } from '../../../src-main/shared/ipc-contract.ts';
import type { RepairReport } from '../../../src-main/shared/model-types.ts';
import type { EmptiedModel } from '../delete-words.ts';

export interface DeleteRequest {
  readonly tags: readonly string[];
  /** Whole models being removed (for the wording). */
  readonly names: readonly string[];
  readonly size: number;
  /** Tags still being written (status incomplete): the dialog warns. */
  readonly writing: readonly string[];
  /** Models whose every version is ticked (a versions delete that removes the model too). */
  readonly emptied: readonly EmptiedModel[];
  /** tag -> bentos using it; null while asking main. */
  readonly usage: Readonly<Record<string, readonly string[]>> | null;
  readonly busy: boolean;
}

export interface RepairState {
  readonly report: RepairReport | null;
  readonly busy: boolean;
}

export interface DialogsSlice {
  deleteRequest: DeleteRequest | null;
  /** Dropped items that look like saved models: offered as an import. */
  importOffer: readonly InspectedItem[] | null;
  repair: RepairState | null;
}

export const initialDialogs = (): DialogsSlice => ({ deleteRequest: null, importOffer: null, repair: null });
