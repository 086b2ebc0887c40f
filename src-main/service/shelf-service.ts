// The composition the app and the e2e harness both bind: the store session of the open home,
// the operations the handler table calls, and the push queue in front of the window.
// src-main/app/ binds `handlers` to ipcMain; the e2e harness binds them to a browser page.
// Only this file imports the IPC layer (which imports the operations' types, never this file).
import { createHandlerTable, type HandlerTable } from '../ipc/index.ts';
import type { StoreSnapshot, WatcherStatus } from '../shared/model-types.ts';
import { shelfOperations, type ServiceContext } from './operations/index.ts';
import { defaultLogger, type DialogPort, type Logger, type SettingsPort, type ShellPort } from './ports.ts';
import { createPushQueue, type PushSink } from './push-queue.ts';
import { reduceMemory } from './reduce-memory.ts';
import { createStoreSession, type RevisionCounter, type StoreSession } from './store-session.ts';

export interface ShelfService {
  readonly handlers: HandlerTable;
  /** Resolves once the watcher is ready (createShelfService already waits for it). */
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
  /** Run after each full scan; default V8's memory-reducing collection (tests count the calls). */
  readonly reduceMemory?: () => void;
}

export async function createShelfService(opts: ShelfServiceOptions): Promise<ShelfService> {
  const log = opts.log ?? defaultLogger;
  const queue = createPushQueue(opts.push);
  const polling = opts.polling ?? ((await opts.settings?.get())?.usePolling === true || /^(1|true|yes)$/i.test(process.env.MODEL_SHELF_POLLING ?? ''));
  const revision: RevisionCounter = { current: 0 };
  // After a full scan (issue 13, reduce-memory.ts), once its snapshot has gone to the window and the
  // event loop has turned: the window never waits for the collection.
  const reduce = opts.reduceMemory ?? reduceMemory;
  const reduceAfterDelivery = (): void =>
    queue.afterDelivery(() => {
      setImmediate(reduce);
    });
  let closed = false;
  const push: PushSink = (channel, payload) => {
    if (!closed) queue.push(channel, payload);
  };
  const openSession = (home: string): StoreSession =>
    createStoreSession({
      home,
      polling,
      ...(opts.debounceMs === undefined ? {} : { debounceMs: opts.debounceMs }),
      ...(opts.versionsWatch === undefined ? {} : { versionsWatch: opts.versionsWatch }),
      push,
      revision,
      log,
      reduceMemory: reduceAfterDelivery,
    });

  let session = openSession(opts.home);
  const ctx: ServiceContext = {
    session: () => session,
    switchHome: async (home) => {
      await session.stop();
      session = openSession(home);
      await session.start();
      await opts.settings?.set({ lastStore: session.home });
    },
    markReady: () => queue.markReady(),
    dialogs: opts.dialogs,
    shell: opts.shell,
    appVersion: opts.appVersion ?? '0.0.0',
    platform: opts.platform ?? process.platform,
    log,
  };
  const operations = shelfOperations(ctx);

  await session.start();

  return {
    handlers: createHandlerTable(operations),
    watching: Promise.resolve(),
    snapshot: () => session.snapshot(),
    watcherStatus: () => session.watcherStatus(),
    reload: async () => {
      if (!closed) await session.reload();
    },
    importFiles: (paths) => operations.importOpenedFiles(paths),
    close: async () => {
      if (closed) return;
      closed = true;
      await session.stop();
    },
  };
}
