// One fs.watch per model-name folder (models/<name>/): what chokidar at depth 1 watched, for a
// fraction of its memory. On a 10,000-version store (1,000 names) chokidar's depth-1 tree took
// about 160 MB and 2.6 s to be ready; chokidar on models/ alone (depth 0) plus 1,000 fs.watch took
// about 20 MB and 0.2 s (issue 13, docs/benchmarks.md "Store watcher"). Native events only: the
// polling backend (network folders) keeps chokidar at depth 1.
import fs, { type FSWatcher } from 'node:fs';
import path from 'node:path';

/** chokidar's event names, as store-watcher.ts handles them. */
export type NameDirEvent = 'add' | 'addDir' | 'change' | 'unlink' | 'unlinkDir';

export interface NameDirWatcher {
  /** Watches models/<name>/ (a real folder; already watched ones are skipped). `fresh`: report what is already in it. */
  add(name: string, fresh: boolean): void;
  remove(name: string): void;
  count(): number;
  close(): void;
}

export function createNameDirWatcher(opts: {
  modelsDir: string;
  isJunk: (base: string) => boolean;
  /** An entry of models/<name>/ changed (`entry` is its absolute path). */
  onEntry: (name: string, event: NameDirEvent, entry: string) => void;
  onError: (error: unknown) => void;
}): NameDirWatcher {
  const watched = new Map<string, FSWatcher>();
  let closed = false;

  // fs.watch says only 'rename' (appeared or went) or 'change': the entry's state now says which.
  const report = (name: string, eventType: string, filename: string | null): void => {
    if (closed || !watched.has(name)) return;
    const dir = path.join(opts.modelsDir, name);
    if (filename === null) {
      opts.onEntry(name, 'change', dir);
      return;
    }
    if (opts.isJunk(path.basename(filename))) return;
    const entry = path.join(dir, filename);
    if (eventType === 'change') {
      opts.onEntry(name, 'change', entry);
      return;
    }
    const stat = fs.lstatSync(entry, { throwIfNoEntry: false });
    if (!stat) opts.onEntry(name, entry === dir ? 'unlinkDir' : 'unlink', entry);
    else opts.onEntry(name, stat.isDirectory() ? 'addDir' : 'add', entry);
  };

  const add = (name: string, fresh: boolean): void => {
    if (closed || watched.has(name)) return;
    const dir = path.join(opts.modelsDir, name);
    // followSymlinks: false, as before: a link named like a model is an entry of models/, not watched into.
    if (!fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
    let w: FSWatcher;
    try {
      w = fs.watch(dir, { persistent: true }, (eventType, filename) => report(name, eventType, filename));
    } catch (error) {
      opts.onError(error); // ENOSPC: out of inotify watches, said in a sentence by the caller
      return;
    }
    w.on('error', (error) => {
      // The folder went away under the watch: its removal is reported one level up.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EPERM') remove(name);
      else opts.onError(error);
    });
    watched.set(name, w);
    if (!fresh) return;
    // What appeared between the folder's creation and this watch (a version renamed in at once).
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (!opts.isJunk(e.name)) opts.onEntry(name, e.isDirectory() ? 'addDir' : 'add', path.join(dir, e.name));
  };

  const remove = (name: string): void => {
    const w = watched.get(name);
    if (!w) return;
    watched.delete(name);
    w.close();
  };

  return {
    add,
    remove,
    count: () => watched.size,
    close() {
      closed = true;
      for (const w of watched.values()) w.close();
      watched.clear();
    },
  };
}
