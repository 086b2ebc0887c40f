// One open home: its store, its watcher, the view the window is shown and the rescans that keep
// it current, and the tasks running on it. start() watches, then scans; stop() cancels the tasks
// and waits until they are gone, then closes the watcher. "Open another store" is a new session.
import type { StoreSnapshot, WatcherStatus } from '../shared/model-types.ts';
import { isDirectorySync, ModelStore, type StoreWatcher, watchStore } from '../store/index.ts';
import type { Logger } from './ports.ts';
import type { PushSink } from './push-queue.ts';
import { reduceMemory } from './reduce-memory.ts';
import { createRescanQueue } from './rescan-queue.ts';
import { createStoreView } from './store-view.ts';
import { createTaskRegistry, type TaskRegistry } from './task-registry.ts';

/** Snapshot revisions rise across every session of one service, so the window can drop old ones. */
export interface RevisionCounter {
  current: number;
}

export interface StoreSessionOptions {
  readonly home: string;
  readonly polling: boolean;
  /** Per-name quiet time before a rescan (ms). */
  readonly debounceMs?: number;
  /** Which version dirs get their files watched (store-watcher.ts); default 'hot'. */
  readonly versionsWatch?: 'hot' | 'all';
  readonly push: PushSink;
  readonly revision: RevisionCounter;
  readonly log: Logger;
  /** Run after each full scan (default: V8's memory-reducing collection, reduce-memory.ts). */
  readonly reduceMemory?: () => void;
}

export interface StoreSession {
  readonly home: string;
  readonly modelsDir: string;
  /** Creates, exports and imports under the window's task ids (cancelled and awaited by stop). */
  readonly tasks: TaskRegistry;
  /** The store when models/ exists (never creates it), else null. */
  existingStore(): Promise<ModelStore | null>;
  /** The store, creating models/ if needed (creates, imports, "Create folder"). */
  openStore(): Promise<ModelStore>;
  /** Rescans (names, or everything) and pushes a snapshot if anything changed. */
  refresh(names: Iterable<string> | 'all'): Promise<void>;
  refreshTrash(): Promise<void>;
  snapshot(): StoreSnapshot;
  watcherStatus(): WatcherStatus;
  /** Watches, scans and pushes the first snapshot. */
  start(): Promise<void>;
  /** Restarts the watcher (e.g. after an error) and rescans everything. */
  reload(): Promise<void>;
  /** Cancels the tasks and waits for them (their staging is gone), then closes the watcher. */
  stop(): Promise<void>;
}

export function createStoreSession(opts: StoreSessionOptions): StoreSession {
  const { revision, log } = opts;
  const view = createStoreView(opts.home);
  const tasks = createTaskRegistry((progress) => opts.push('task:progress', progress));
  let store: ModelStore | null = null;
  let watcher: StoreWatcher | null = null;

  // Versions being written (or broken) get their files watched until they are gone.
  const watchUnfinished = (): void => {
    watcher?.watchVersions(view.build(revision.current).versions.filter((v) => v.status !== 'ok').map((v) => v.path));
  };
  const pushSnapshot = (): void => {
    revision.current += 1;
    opts.push('store:changed', view.build(revision.current));
    watchUnfinished();
  };
  const rescans = createRescanQueue({
    scanAll: () => view.scanAll(),
    scanNames: (names) => view.scanNames(names),
    onChanged: pushSnapshot,
    // A full scan is a burst that grows V8's young generation to its maximum, kept empty
    // afterwards (55-65 MB at 10,000 versions): given back once per full scan, never per event.
    afterFullScan: opts.reduceMemory ?? reduceMemory,
    log,
  });

  // Browsing never creates, changes or deletes anything in the store (issue 8): the store object
  // touches no disk; only openStore, for a writer or "Create folder", creates models/.
  const storeObject = (): ModelStore => (store ??= ModelStore.forHome({ home: view.home }));
  const existingStore = (): Promise<ModelStore | null> => Promise.resolve(isDirectorySync(view.modelsDir) ? storeObject() : null);

  const refreshTrash = async (): Promise<void> => {
    const current = await existingStore();
    const size = current ? await current.trashSize() : 0;
    if (view.setTrashSize(size)) pushSnapshot();
  };

  const startWatching = async (): Promise<void> => {
    watcher = watchStore({
      modelsDir: view.modelsDir,
      polling: opts.polling,
      ...(opts.debounceMs === undefined ? {} : { debounceMs: opts.debounceMs }),
      ...(opts.versionsWatch === undefined ? {} : { versionsWatch: opts.versionsWatch }),
      onChange: (change) => void rescans.request(change.kind === 'all' ? 'all' : change.names),
      onStatus: (status) => opts.push('watcher:status', status),
    });
    await watcher.ready;
  };

  return {
    home: view.home,
    modelsDir: view.modelsDir,
    tasks,
    existingStore,
    openStore: async () => {
      const current = storeObject();
      await current.ensureModelsDir();
      return current;
    },
    refresh: (names) => rescans.request(names),
    refreshTrash,
    snapshot: () => view.build(revision.current),
    watcherStatus: () => watcher?.status() ?? { state: 'stopped', path: view.modelsDir },
    // Watch first, then scan: whatever changes in between is both in the scan and an event, so
    // nothing is lost (chokidar at depth 1 is ready well before a 10,000-version scan ends,
    // bench/watcher-bench.ts).
    start: async () => {
      await startWatching();
      const before = revision.current;
      await rescans.request('all');
      if (revision.current === before) pushSnapshot(); // an empty store still gets its first snapshot
      watchUnfinished();
      await refreshTrash().catch((error: unknown) => log('reading the trash size failed', error));
      // Start-up only reads: the staging a crashed process left is reclaimed by the next write
      // (createStagingDir) or by `repair`, never by opening a window on the store (issue 8).
    },
    reload: async () => {
      await watcher?.close();
      await startWatching();
      await rescans.request('all');
      watchUnfinished();
      await refreshTrash();
    },
    stop: async () => {
      // A cancelled create aborts its own session: once the tasks settle, their staging is gone.
      tasks.cancelAll();
      await tasks.settled();
      await watcher?.close();
      watcher = null;
      await rescans.idle();
    },
  };
}
