// Watches the files directly inside chosen version dirs ("hot" versions): ones that appeared
// while we watch and ones a scan found incomplete or broken. BentoML never rewrites a finished
// version (format spec §9.1, §10.4), so a finished version only changes by being deleted or by
// `latest`, both seen one level up. Watching every version dir instead costs one inotify watch
// per version and several seconds of chokidar start-up on a 10,000-version store
// (bench/watcher-bench.ts --versions-watch all).
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';

export interface VersionWatcher {
  /** Starts watching these version dirs (already watched ones are skipped). */
  add(dirs: Iterable<string>): void;
  remove(dir: string): void;
  count(): number;
  close(): Promise<void>;
}

export function createVersionWatcher(opts: {
  modelsDir: string;
  polling: boolean;
  isJunk: (base: string) => boolean;
  onName: (name: string, event: string) => void;
  onError: (error: unknown) => void;
  /** Bounds the watches one session can add (oldest dropped first). */
  max?: number;
}): VersionWatcher {
  const hot = new Set<string>();
  const max = opts.max ?? 2000;
  let watcher: FSWatcher | null = null;
  let closed = false;

  const ensure = (): FSWatcher => {
    if (watcher) return watcher;
    // ignoreInitial false: the files already in a dir when it is added are reported, which
    // closes the gap between the dir appearing and its watch being in place.
    const w = watch([], {
      depth: 0,
      ignoreInitial: false,
      followSymlinks: false,
      backend: opts.polling ? 'polling' : 'native',
      pollingInterval: 1000,
      pollingBinaryInterval: 1000,
      ignored: (p: string) => opts.isJunk(path.basename(p)),
    });
    w.on('all', (event, p) => {
      const name = path.relative(opts.modelsDir, p).split(path.sep)[0];
      if (name && !name.startsWith('..')) opts.onName(name, event);
    });
    w.on('error', opts.onError);
    watcher = w;
    return w;
  };

  const remove = (dir: string): void => {
    if (!hot.delete(dir)) return;
    watcher?.unwatch(dir);
  };

  return {
    add(dirs) {
      if (closed) return;
      const fresh = [...dirs].map((d) => path.resolve(d)).filter((d) => !hot.has(d));
      if (fresh.length === 0) return;
      for (const dir of fresh) hot.add(dir);
      while (hot.size > max) remove(hot.values().next().value as string);
      ensure().add(fresh.filter((d) => hot.has(d)));
    },
    remove: (dir) => remove(path.resolve(dir)),
    count: () => hot.size,
    async close() {
      closed = true;
      hot.clear();
      await watcher?.close();
      watcher = null;
    },
  };
}
