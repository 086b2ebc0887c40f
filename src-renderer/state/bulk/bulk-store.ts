// The bulk actions' own dialogs: the relabel sheet and the remote picker of a bulk push. Kept
// apart from the app store, like the remote store, so the sheet's typing never re-renders lists.
import { create } from 'zustand';

export type RelabelAction = 'set' | 'remove';

export interface RelabelRow {
  readonly key: string;
  readonly action: RelabelAction;
  readonly value: string;
}

export interface BulkState {
  /** The versions the relabel sheet changes; null while it is closed. */
  relabel: readonly string[] | null;
  rows: readonly RelabelRow[];
  relabelBusy: boolean;
  /** The versions waiting for the person to pick a remote; null while no picker is open. */
  pushing: readonly string[] | null;
}

export const emptyRow = (): RelabelRow => ({ key: '', action: 'set', value: '' });

export const initialBulk = (): BulkState => ({ relabel: null, rows: [emptyRow()], relabelBusy: false, pushing: null });

export const useBulk = create<BulkState>()(() => initialBulk());
export const getBulk = (): BulkState => useBulk.getState();
export const setBulk = useBulk.setState;
