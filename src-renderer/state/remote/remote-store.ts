// The window's remote shelves (issue 10): the saved remotes, the one being browsed and what it
// holds, and the selection there. A store of its own beside the app's, so the local browser's
// slices stay as they are; push and pull run as the app's tasks (status bar, cancel).
import { create } from 'zustand';
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { RemoteInfo, RemoteVersion } from '../../../src-main/shared/remote-types.ts';

export interface RemoteState {
  remotes: readonly RemoteInfo[];
  /** The remote shown instead of the local store, or null for the local store. */
  active: string | null;
  /** What the active remote holds (every model), null until the first answer. */
  versions: readonly RemoteVersion[] | null;
  loading: boolean;
  /** The last browse failed (one sentence from main); the last good listing stays shown. */
  error: ErrorInfo | null;
  checkedAt: number | null;
  /** The model name picked on the remote. */
  model: string | null;
  /** Selected tags on the remote (Push/Pull act on these); the last one is shown in detail. */
  selected: readonly string[];
  addOpen: boolean;
  /** The remote whose removal waits for confirmation. */
  removing: string | null;
  /** Tags waiting for the person to pick a remote to push to. */
  pushing: readonly string[] | null;
  /** Seconds between checks while a remote is shown; 0 = only on Refresh and when opened. */
  pollSeconds: number;
}

export const initialRemote = (): RemoteState => ({
  remotes: [],
  active: null,
  versions: null,
  loading: false,
  error: null,
  checkedAt: null,
  model: null,
  selected: [],
  addOpen: false,
  removing: null,
  pushing: null,
  pollSeconds: 60,
});

export const useRemote = create<RemoteState>()(() => initialRemote());
export const getRemote = (): RemoteState => useRemote.getState();
export const setRemote = useRemote.setState;
