import fs from 'node:fs';
import { workMeter } from '../paths/work-count.ts';
import { readNamesSync, shownPath, type DiskPath } from '../read/raw-names.ts';

// `du -sb` in process (GNU du's default -P, --apparent-size, --block-size=1): the lstat size of
// every folder, file and link under a root, the root included, links never followed, and a file
// with several hard links (same st_dev and st_ino) counted once. Synchronous calls: on a warm
// cache they cost a fraction of the promise API's thread-pool round trip (docs/benchmarks.md).
// A name that is not UTF-8 is walked by its bytes (read/raw-names.ts), or its folder counted 0.

const work = workMeter('usage-read');

/** A file with more than one hard link: its size, its link count, and how many of its links a tree holds. */
export interface Linked {
  readonly size: number;
  readonly nlink: number;
  count: number;
}

export interface TreeUsage {
  /** Bytes of folders, links and single-link files: only this tree holds them. */
  own: number;
  /** Multi-link files by `dev:ino` (null until the first one). */
  linked: Map<string, Linked> | null;
}

export const emptyUsage = (): TreeUsage => ({ own: 0, linked: null });

/** Adds one lstat result to `usage`. */
export function addStat(usage: TreeUsage, st: fs.Stats): void {
  if (st.nlink > 1 && !st.isDirectory()) {
    const key = `${st.dev}:${st.ino}`;
    usage.linked ??= new Map();
    const seen = usage.linked.get(key);
    if (seen) seen.count += 1;
    else usage.linked.set(key, { size: st.size, nlink: st.nlink, count: 1 });
  } else {
    usage.own += st.size;
  }
}

/** One lstat, counted; null when the entry is gone (a concurrent delete) or cannot be looked at. */
export function lstatCounted(p: DiskPath, unreadable: string[]): fs.Stats | null {
  work.step();
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    unreadable.push(shownPath(p));
    return null;
  }
}

/** One stat through a link (`du -sb DIR/` with the slash), counted; null as for lstatCounted. */
export function statCounted(p: DiskPath, unreadable: string[]): fs.Stats | null {
  work.step();
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    unreadable.push(shownPath(p));
    return null;
  }
}

/** One folder listing (names as shown, paths to read them by), counted; null (and reported) when it cannot be read. */
export function listCounted(dir: DiskPath, unreadable: string[]): { readonly name: string; readonly path: DiskPath }[] | null {
  work.step();
  try {
    return readNamesSync(dir);
  } catch (error) {
    // A folder deleted meanwhile is simply gone; anything else is a hole in the figures.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push(shownPath(dir));
    return null;
  }
}

/** Everything below the folder `dir` (not `dir` itself) into `usage`. */
export function walkBelow(dir: DiskPath, usage: TreeUsage, unreadable: string[]): void {
  const stack = [dir];
  for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
    const entries = listCounted(d, unreadable);
    if (entries === null) continue;
    for (const entry of entries) {
      const st = lstatCounted(entry.path, unreadable);
      if (st === null) continue;
      addStat(usage, st);
      if (st.isDirectory()) stack.push(entry.path);
    }
  }
}

/** `du -sb root` as a TreeUsage: a missing root is empty. */
export function walkTree(root: string, unreadable: string[]): TreeUsage {
  const usage = emptyUsage();
  const st = lstatCounted(root, unreadable);
  if (st === null) return usage;
  addStat(usage, st);
  if (st.isDirectory()) walkBelow(root, usage, unreadable);
  return usage;
}

/** Adds `part` into `into` (link counts summed, each file's size once). */
export function mergeUsage(into: TreeUsage, part: TreeUsage): void {
  into.own += part.own;
  if (part.linked === null) return;
  into.linked ??= new Map();
  for (const [key, l] of part.linked) {
    const seen = into.linked.get(key);
    if (seen) seen.count += l.count;
    else into.linked.set(key, { size: l.size, nlink: l.nlink, count: l.count });
  }
}

/** What `du -sb` prints for the tree: each file once. */
export function usageBytes(usage: TreeUsage): number {
  let bytes = usage.own;
  if (usage.linked) for (const l of usage.linked.values()) bytes += l.size;
  return bytes;
}

/** What deleting the tree frees: files whose every link lies inside it. */
export function usageFrees(usage: TreeUsage): number {
  let bytes = usage.own;
  if (usage.linked) for (const l of usage.linked.values()) if (l.count >= l.nlink) bytes += l.size;
  return bytes;
}
