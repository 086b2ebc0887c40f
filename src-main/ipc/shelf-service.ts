// The Electron-free desktop service: one store, its watcher, the handler table and the pushes.
// src-main/app/ binds it to ipcMain; the e2e harness binds the same object to a browser page.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { StoreSnapshot, WatcherStatus } from '../shared/model-types.ts';
import { ModelStore, type StoreWatcher, watchStore } from '../store/index.ts';
import { defaultLogger, type Logger } from './error-mapping.ts';
import { createHandlerTable } from './handler-table.ts';
import { importArchives } from './handlers-transfer.ts';
import type { DialogPort, HandlerTable, SettingsPort, ShellPort } from './ports.ts';
import { createPushQueue, type PushSink } from './push-queue.ts';
import { createRescanQueue } from './rescan-queue.ts';
import type { ServiceContext } from './service-context.ts';
import { createStoreView, type StoreView } from './store-view.ts';
import { createTaskRegistry } from './task-registry.ts';

export type { AppSettings, DialogPort, HandlerTable, SettingsPort, ShellPort, WindowBounds } from './ports.ts';
export type { PushSink } from './push-queue.ts';

export interface ShelfService {
  readonly handlers: HandlerTable;
  /** Resolves once the watcher is ready (today createShelfService already waits for it). */
  readonly watching: Promise<void>;
  snapshot(): StoreSnapshot;
  watcherStatus(): WatcherStatus;
  /** Reload (menu, Ctrl+R): restarts the watcher (e.g. after an error) and rescans everything. */
  reload(): Promise<void>;
  /** Files opened from the OS (argv, open-file, second-instance): imported like a drop. */
  importFiles(paths: string[]): Promise<void>;
  /** Closes the watcher (awaits chokidar), cancels running tasks and waits until they are gone. */
  close(): Promise<void>;
}

export interface ShelfServiceOptions {
  readonly home: string;
  readonly dialogs: DialogPort;
  readonly shell: ShellPort;
  readonly settings?: SettingsPort;
  readonly push: PushSink;
  readonly appVersion?: string;
  readonly platform?: string;
  /** Poll instead of fs events; default from settings.usePolling or MODEL_SHELF_POLLING=1. */
  readonly polling?: boolean;
  /** Per-name quiet time before a rescan (ms). */
  readonly debounceMs?: number;
  /** Which version dirs get their files watched (store-watcher.ts); default 'hot'. */
  readonly versionsWatch?: 'hot' | 'all';
  readonly log?: Logger;
}

const isDirectory = (dir: string): boolean => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

export async function createShelfService(opts: ShelfServiceOptions): Promise<ShelfService> {
  const log = opts.log ?? defaultLogger;
  const queue = createPushQueue(opts.push);
  const settings = opts.settings;
  const polling = opts.polling ?? ((await settings?.get())?.usePolling === true || /^(1|true|yes)$/i.test(process.env.MODEL_SHELF_POLLING ?? ''));
  let closed = false;
  let revision = 0;
  let view: StoreView = createStoreView(opts.home);
  let store: ModelStore | null = null;
  let watcher: StoreWatcher | null = null;

  const push: PushSink = (channel, payload) => {
    if (!closed) queue.push(channel, payload);
  };
  const tasks = createTaskRegistry((progress) => push('task:progress', progress));
  const pushSnapshot = (): void => {
    revision += 1;
    push('store:changed', view.build(revision));
    watchUnfinished();
  };
  // Versions being written (or broken) get their files watched until they are gone.
  const watchUnfinished = (): void => {
    watcher?.watchVersions(view.build(revision).versions.filter((v) => v.status !== 'ok').map((v) => v.path));
  };
  const rescans = createRescanQueue({
    scanAll: () => view.scanAll(),
    scanNames: (names) => view.scanNames(names),
    onChanged: pushSnapshot,
    log,
  });

  // Browsing never creates, changes or deletes anything in the store (issue 8): the store object
  // touches no disk; only openStore, for a writer or "Create folder", creates models/.
  const storeObject = (): ModelStore => (store ??= ModelStore.forHome({ home: view.home }));
  const openStore = async (): Promise<ModelStore> => {
    const current = storeObject();
    await current.ensureModelsDir();
    return current;
  };
  const existingStore = (): Promise<ModelStore | null> => Promise.resolve(isDirectory(view.modelsDir) ? storeObject() : null);

  const refreshTrash = async (): Promise<void> => {
    const current = await existingStore();
    const size = current ? await current.trashSize() : 0;
    if (view.setTrashSize(size)) pushSnapshot();
  };

  const startWatching = async (): Promise<void> => {
    watcher = watchStore({
      modelsDir: view.modelsDir,
      polling,
      ...(opts.debounceMs === undefined ? {} : { debounceMs: opts.debounceMs }),
      ...(opts.versionsWatch === undefined ? {} : { versionsWatch: opts.versionsWatch }),
      onChange: (change) => void rescans.request(change.kind === 'all' ? 'all' : change.names),
      onStatus: (status) => push('watcher:status', status),
    });
    await watcher.ready;
  };

  const stopStore = async (): Promise<void> => {
    // A cancelled create aborts its own session: once the tasks settle, their staging is gone.
    tasks.cancelAll();
    await tasks.settled();
    await watcher?.close();
    watcher = null;
    await rescans.idle();
  };

  // Watch first, then scan: whatever changes in between is both in the scan and an event, so
  // nothing is lost (chokidar at depth 1 is ready well before a 10,000-version scan ends,
  // bench/watcher-bench.ts). `watching` stays a promise so callers need not know this order.
  const load = async (): Promise<{ watching: Promise<void> }> => {
    await startWatching();
    const before = revision;
    await rescans.request('all');
    if (revision === before) pushSnapshot(); // an empty store still gets its first snapshot
    watchUnfinished();
    await refreshTrash().catch((error: unknown) => log('reading the trash size failed', error));
    // Start-up only reads: the staging a crashed process left is reclaimed by the next write
    // (createStagingDir) or by `repair`, never by opening a window on the store (issue 8).
    return { watching: Promise.resolve() };
  };

  const ctx: ServiceContext = {
    home: () => view.home,
    existingStore,
    openStore,
    refresh: (names) => rescans.request(names),
    refreshTrash,
    switchHome: async (home) => {
      await stopStore();
      rescans.reset();
      view = createStoreView(home);
      store = null;
      ({ watching } = await load());
      await settings?.set({ lastStore: view.home });
    },
    snapshot: () => view.build(revision),
    markReady: () => queue.markReady(),
    push,
    tasks,
    dialogs: opts.dialogs,
    shell: opts.shell,
    settings,
    appVersion: opts.appVersion ?? '0.0.0',
    platform: opts.platform ?? process.platform,
    log,
  };

  let { watching } = await load();

  return {
    handlers: createHandlerTable(ctx),
    get watching() {
      return watching;
    },
    snapshot: ctx.snapshot,
    watcherStatus: () => watcher?.status() ?? { state: 'stopped', path: view.modelsDir },
    reload: async () => {
      if (closed) return;
      await watcher?.close();
      await startWatching();
      await rescans.request('all');
      watchUnfinished();
      await refreshTrash();
    },
    importFiles: async (paths) => {
      // Main starts this one (argv, open-file), so main names the task.
      await importArchives(ctx, `opened-${randomUUID()}`, paths);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await stopStore();
    },
  };
}
