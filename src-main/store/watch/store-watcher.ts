// Watches `$BENTOML_HOME/models` and reports which model names changed (design §4).
// Electron-free: the desktop service, tests and the benchmark all use it.
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import type { WatcherStatus } from '../../shared/model-types.ts';
import { createVersionWatcher, type VersionWatcher } from './store-watcher-versions.ts';
import { createNameDirWatcher, type NameDirWatcher } from './name-dir-watcher.ts';
import fs from 'node:fs';
import { existsSync, isDirectorySync } from '../paths/fs-probe.ts';

export type StoreChange = { readonly kind: 'names'; readonly names: readonly string[] } | { readonly kind: 'all' };

export interface StoreWatcherOptions {
  readonly modelsDir: string;
  /** Network volumes: fs events are unreliable there, so poll (settings or MODEL_SHELF_POLLING). */
  readonly polling?: boolean;
  /** Quiet time per model name before it is rescanned. */
  readonly debounceMs?: number;
  /**
   * 'hot' (default): models/ to depth 1 plus the files of new, incomplete and broken versions
   * (store-watcher-versions.ts). 'all': depth 2, the files of every version dir.
   */
  readonly versionsWatch?: 'hot' | 'all';
  readonly onChange: (change: StoreChange) => void;
  readonly onStatus: (status: WatcherStatus) => void;
}

export interface StoreWatcher {
  /** Resolves once the first watch (of models/ or of the ancestor waiting for it) is ready. */
  readonly ready: Promise<void>;
  status(): WatcherStatus;
  /** Also watch the files of these version dirs (the service passes incomplete/broken ones). */
  watchVersions(dirs: Iterable<string>): void;
  close(): Promise<void>;
}

// Files that say nothing about models: OS junk, editor swap files and our own `latest` temp
// files (latest-pointer.ts writes `.latest.<rand>` then renames it over `latest`, §9.3).
const JUNK = /^(?:\.DS_Store|Thumbs\.db|desktop\.ini|\._.*|\.latest\..*|\.fuse_hidden.*|\.nfs.*|.*\.swp|.*~)$/i;

export function isJunkName(base: string): boolean {
  return JUNK.test(base);
}

/** A sentence for the status bar; inotify exhaustion says how to raise the limit. */
export function watcherErrorMessage(error: unknown, dir: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') {
    return 'The system ran out of file watches, so changes made by other programs may not show. Raise the limit, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` (add it to /etc/sysctl.conf to keep it), then restart Model Shelf.';
  }
  if (code === 'EMFILE') {
    return 'Too many watchers are open, so changes made by other programs may not show. Raise fs.inotify.max_user_instances (e.g. `sudo sysctl fs.inotify.max_user_instances=512`) or close other programs, then restart Model Shelf.';
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `Model Shelf may not read ${dir}, so changes made by other programs will not show. Check the folder's permissions.`;
  }
  return `Watching ${dir} failed, so changes made by other programs may not show. Use Reload to refresh.`;
}

// chokidar polls every 100 ms by default; on a network folder with thousands of entries once a
// second is plenty and keeps CPU and server load down.
export const POLL_INTERVALS = { pollingInterval: 1000, pollingBinaryInterval: 1000 } as const;

function nearestExistingAncestor(dir: string): string {
  let current = path.dirname(dir);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}


export function watchStore(opts: StoreWatcherOptions): StoreWatcher {
  const modelsDir = path.resolve(opts.modelsDir);
  const debounceMs = opts.debounceMs ?? 75;
  const timers = new Map<string, NodeJS.Timeout>();
  const allVersions = opts.versionsWatch === 'all';
  let watcher: FSWatcher | null = null;
  let versions: VersionWatcher | null = null;
  let nameDirs: NameDirWatcher | null = null;
  let closed = false;
  let current: WatcherStatus = { state: 'starting', path: modelsDir };
  let switching: Promise<void> = Promise.resolve();

  const setStatus = (status: WatcherStatus): void => {
    current = status;
    if (!closed) opts.onStatus(status);
  };

  const flush = (name: string): void => {
    timers.delete(name);
    if (!closed) opts.onChange({ kind: 'names', names: [name] });
  };

  // Content changes ('change', a file being written chunk by chunk) wait for a quiet moment;
  // structure changes (a version or file appearing or going) only make sure a rescan is due
  // within debounceMs, so a commit shows up quickly even while its files are being reported.
  const touch = (name: string, event: string = 'change'): void => {
    const pending = timers.get(name);
    if (pending && event !== 'change') return;
    if (pending) clearTimeout(pending);
    timers.set(name, setTimeout(flush, debounceMs, name));
  };

  // models/ itself (re)appeared or vanished: the whole picture changes.
  const restart = (): void => {
    switching = switching.then(async () => {
      if (closed) return;
      const old = watcher;
      const oldVersions = versions;
      nameDirs?.close();
      nameDirs = null;
      watcher = null;
      versions = null;
      await Promise.all([old?.close(), oldVersions?.close()]);
      if (closed) return;
      opts.onChange({ kind: 'all' });
      await (isDirectorySync(modelsDir) ? startModels() : startWaiting());
    });
  };

  const onError = (error: unknown): void => {
    setStatus({ state: 'error', path: modelsDir, message: watcherErrorMessage(error, modelsDir) });
  };

  const startModels = async (): Promise<void> => {
    // depth 1 = names, versions + `latest`; depth 2 adds the files directly in every version dir.
    // Never the artifact trees below (inotify limits). chokidar's own missing-root fallback
    // counts depth from the ancestor it waits on, so a missing models/ is handled by startWaiting().
    if (!allVersions) {
      versions = createVersionWatcher({ modelsDir, polling: opts.polling === true, isJunk: isJunkName, onName: touch, onError });
    }
    // Native 'hot' watching: chokidar on models/ alone, one fs.watch per name folder (name-dir-watcher.ts).
    const perName = !allVersions && opts.polling !== true;
    const onEntry = (parts: string[], event: string, p: string): void => {
      const name = parts[0];
      if (!name || name.startsWith('..')) return;
      touch(name, event);
      if (parts.length === 1 && event === 'addDir') names?.add(name, true);
      if (parts.length === 1 && event === 'unlinkDir') names?.remove(name);
      // A version dir appearing now is being written (BentoML fills it in place, §9.1).
      if (parts.length === 2 && event === 'addDir') versions?.add([p]);
      if (parts.length === 2 && event === 'unlinkDir') versions?.remove(p);
      // fs.watch cannot tell a removed file from a removed folder: a version watch is dropped either way.
      if (parts.length === 2 && event === 'unlink' && names) versions?.remove(p);
    };
    const names = perName ? createNameDirWatcher({ modelsDir, isJunk: isJunkName, onEntry: (name, event, p) => onEntry([name, path.basename(p)], event, p), onError }) : null;
    nameDirs = names;
    const w = watch(modelsDir, {
      depth: allVersions ? 2 : perName ? 0 : 1,
      ignoreInitial: true,
      followSymlinks: false,
      backend: opts.polling ? 'polling' : 'native',
      ...POLL_INTERVALS,
      ignored: (p: string) => {
        const rel = path.relative(modelsDir, p);
        if (rel === '' || rel.startsWith('..')) return false;
        return rel.split(path.sep).length > 3 || isJunkName(path.basename(p));
      },
    });
    watcher = w;
    w.on('all', (event, p) => {
      const rel = path.relative(modelsDir, p);
      if (rel === '') {
        if (event === 'unlinkDir') restart();
        return;
      }
      onEntry(rel.split(path.sep), event, p);
    });
    w.on('error', onError);
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    // The names already there (ignoreInitial): their folders are watched from now on; one created
    // meanwhile is in this listing or comes as an addDir event (add() skips a second watch).
    if (names && !closed && watcher === w) {
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(modelsDir);
      } catch {
        // models/ went away: handled just below
      }
      for (const name of entries) names.add(name, false);
    }
    // models/ may have gone between the check and the watch being ready.
    if (!isDirectorySync(modelsDir)) return restart();
    if (current.state !== 'error') {
      setStatus(
        opts.polling
          ? { state: 'polling', path: modelsDir, message: 'Checking the store for changes every second (polling, for network folders).' }
          : { state: 'watching', path: modelsDir },
      );
    }
  };

  // Watch the nearest existing ancestor (depth 0) until the next path step towards models/ appears.
  const startWaiting = async (): Promise<void> => {
    const ancestor = nearestExistingAncestor(modelsDir);
    const nextStep = path.join(ancestor, path.relative(ancestor, modelsDir).split(path.sep)[0] ?? '');
    const w = watch(ancestor, {
      depth: 0,
      ignoreInitial: true,
      followSymlinks: false,
      backend: opts.polling ? 'polling' : 'native',
      ignored: (p: string) => p !== ancestor && p !== nextStep,
    });
    watcher = w;
    w.on('addDir', (p) => {
      if (p === nextStep) restart();
    });
    w.on('error', onError);
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    setStatus({ state: 'missing', path: modelsDir, message: `The store folder ${modelsDir} does not exist yet.` });
    if (isDirectorySync(nextStep)) restart();
  };

  const ready = (switching = switching.then(() => (isDirectorySync(modelsDir) ? startModels() : startWaiting())));

  return {
    ready,
    status: () => current,
    watchVersions(dirs) {
      versions?.add(dirs);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await switching.catch(() => undefined);
      nameDirs?.close();
      nameDirs = null;
      await Promise.all([watcher?.close(), versions?.close()]);
      watcher = null;
      versions = null;
      current = { state: 'stopped', path: modelsDir };
    },
  };
}
