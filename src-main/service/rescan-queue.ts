// Rescans run one at a time, in order, and coalesce: names asked for while a pass runs are
// scanned together in the next pass, so a burst of watcher events costs one scan per name and
// snapshots never go backwards.
export interface RescanQueue {
  /** Resolves once a pass that started after this call has finished. */
  request(names: Iterable<string> | 'all'): Promise<void>;
  /** Resolves when nothing is running or scheduled. */
  idle(): Promise<void>;
  /** Forgets pending names (the store was switched). */
  reset(): void;
}

export function createRescanQueue(opts: {
  scanAll: () => Promise<boolean>;
  scanNames: (names: readonly string[]) => Promise<boolean>;
  onChanged: () => void;
  /** After each full pass (once its snapshot is pushed): the end of a burst of allocation. */
  afterFullScan?: () => void;
  log: (message: string, error?: unknown) => void;
}): RescanQueue {
  let pending = new Set<string>();
  let pendingAll = false;
  let scheduled: Promise<void> | null = null;
  let tail: Promise<void> = Promise.resolve();

  const runPass = async (): Promise<void> => {
    scheduled = null;
    const all = pendingAll;
    const names = [...pending];
    pendingAll = false;
    pending = new Set();
    if (!all && names.length === 0) return;
    let changed: boolean;
    let full = all;
    try {
      changed = all ? await opts.scanAll() : await opts.scanNames(names);
    } catch (error) {
      // scanName refuses what it cannot read as a name (e.g. a stray dir): a full scan reports it.
      opts.log('rescanning part of the store failed; scanning all of it', error);
      full = true;
      changed = await opts.scanAll();
    }
    if (changed) opts.onChanged();
    if (full) opts.afterFullScan?.();
  };

  return {
    request(names) {
      if (names === 'all') pendingAll = true;
      else for (const name of names) pending.add(name);
      if (!scheduled) {
        // Never rejects: a failed rescan is logged and must not turn a finished write into an error.
        const next = tail.then(runPass).catch((error: unknown) => {
          opts.log('rescanning the store failed', error);
        });
        scheduled = next;
        tail = next;
      }
      return scheduled;
    },
    idle: () => tail,
    reset() {
      pending = new Set();
      pendingAll = false;
    },
  };
}
