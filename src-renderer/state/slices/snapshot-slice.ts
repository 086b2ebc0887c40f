import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { StoreSnapshot, WatcherStatus } from '../../../src-main/shared/model-types.ts';

export interface SnapshotSlice {
  snapshot: StoreSnapshot | null;
  /** The store could not be read at all (the reason is shown in place of the list). */
  loadError: ErrorInfo | null;
  watcher: WatcherStatus | null;
  appVersion: string;
  platform: string;
}

export const initialSnapshot = (): SnapshotSlice => ({
  snapshot: null,
  loadError: null,
  watcher: null,
  appVersion: '',
  platform: '',
});
