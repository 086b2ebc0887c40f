import type { Stats } from 'node:fs';
import { lstatSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { fsError } from '../paths/fs-errors.ts';
import type { SourceGuard } from '../paths/source-guard.ts';
import { workMeter } from '../paths/work-count.ts';

// The pre-flight walk: everything that would make a copy fail half-way is refused here, before
// a single byte is written. Links are followed like BentoML's `shutil.copytree` + `copy2`
// (format spec §9.1): the stored model holds the content of the target, never a link.

export interface PlanEntry {
  /** Absolute source path as the user named it (links unresolved). */
  readonly src: string;
  /** Destination relative to the staged root, '/'-separated. */
  readonly rel: string;
  readonly kind: 'file' | 'dir';
  readonly size: number;
  /** True when this entry or one of its parents was reached through a symbolic link. */
  readonly viaLink: boolean;
  /** True when this entry itself is a symbolic link (its target's content is copied). */
  readonly isLink: boolean;
  /** Identity at plan time, so that a move never deletes a source that changed meanwhile. */
  readonly ino: number;
  readonly mtimeMs: number;
  /** Hard links to the file at plan time: a move links only a file nobody else links to. */
  readonly nlink: number;
}

export interface CopyPlan {
  /** Top-level entries: `rel` is a single name. */
  readonly top: readonly PlanEntry[];
  /** Every entry, parents before children. */
  readonly entries: readonly PlanEntry[];
  readonly totalBytes: number;
}

const SPECIAL: [(s: Stats) => boolean, string][] = [
  [(s) => s.isFIFO(), 'a FIFO (named pipe)'],
  [(s) => s.isSocket(), 'a socket'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
];

const calls = workMeter('create-file-call');

// The walk uses synchronous calls (one thread-pool round trip per entry cost more than the
// lstat itself: ~1 s of 10,000 small files) and yields to the event loop every SLICE_MS, like
// the copy (copy-tree.ts).
const SLICE_MS = 10;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function statFollowing(src: string, top: boolean): { stat: Stats; link: boolean } {
  let lstat: Stats;
  try {
    calls.step();
    lstat = lstatSync(src);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ShelfError('NOT_FOUND', `'${src}' does not exist. Check the path and try again; nothing was added.`);
    }
    throw fsError(error, src, 'read');
  }
  if (!lstat.isSymbolicLink()) return { stat: lstat, link: false };
  try {
    calls.step();
    return { stat: statSync(src), link: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw loopError(src);
    if (code === 'ENOENT') {
      const where = top ? '' : ' inside the folder';
      throw new ShelfError('NOT_FOUND', `'${src}'${where} is a symbolic link to something that does not exist. Remove or fix the link and try again; nothing was added.`);
    }
    throw fsError(error, src, 'read');
  }
}

function loopError(src: string): ShelfError {
  return new ShelfError('INVALID_ARGUMENT', `'${src}' is a symbolic link loop (it leads back into itself). Remove the link and try again; nothing was added.`);
}

interface Walk {
  readonly entries: PlanEntry[];
  total: number;
  readonly guard: SourceGuard;
  /** When the current slice of synchronous calls began. */
  slice: number;
}

async function walk(walkState: Walk, src: string, rel: string, ancestors: Set<string>, viaLink: boolean, top: boolean): Promise<PlanEntry> {
  if (performance.now() - walkState.slice > SLICE_MS) {
    await yieldToLoop();
    walkState.slice = performance.now();
  }
  const { stat, link } = statFollowing(src, top);
  if (link) await walkState.guard.checkLink(src);
  const special = SPECIAL.find(([test]) => test(stat));
  if (special) {
    throw new ShelfError('INVALID_ARGUMENT', `'${src}' is ${special[1]}; only regular files and folders can be added. Nothing was added.`);
  }
  const through = viaLink || link;
  if (stat.isFile()) {
    const entry: PlanEntry = { src, rel, kind: 'file', size: stat.size, viaLink: through, isLink: link, ino: stat.ino, mtimeMs: stat.mtimeMs, nlink: stat.nlink };
    walkState.entries.push(entry);
    walkState.total += stat.size;
    return entry;
  }
  walkState.guard.checkDir(src, stat);
  const key = `${stat.dev}:${stat.ino}`;
  if (ancestors.has(key)) throw loopError(src);
  const entry: PlanEntry = { src, rel, kind: 'dir', size: 0, viaLink: through, isLink: link, ino: stat.ino, mtimeMs: stat.mtimeMs, nlink: stat.nlink };
  walkState.entries.push(entry);
  let names: string[];
  try {
    calls.step();
    names = readdirSync(src).sort();
  } catch (error) {
    throw fsError(error, src, 'read');
  }
  const inner = new Set(ancestors).add(key);
  for (const name of names) await walk(walkState, path.join(src, name), `${rel}/${name}`, inner, through, false);
  return entry;
}

/** The items a drop names: each source itself, or with `root` the contents of each folder. */
async function topLevel(srcs: readonly string[], root: boolean): Promise<{ src: string; name: string }[]> {
  if (!root) return srcs.map((src) => ({ src: path.resolve(src), name: path.basename(path.resolve(src)) }));
  const out: { src: string; name: string }[] = [];
  for (const raw of srcs) {
    const src = path.resolve(raw);
    const { stat } = statFollowing(src, true);
    if (!stat.isDirectory()) {
      throw new ShelfError('INVALID_ARGUMENT', `'${src}' is not a folder, so its contents cannot be placed at the model's root. Add it as an item instead.`);
    }
    for (const name of (await fsp.readdir(src).catch((e: unknown) => Promise.reject(fsError(e, src, 'read')))).sort()) {
      out.push({ src: path.join(src, name), name });
    }
  }
  return out;
}

/** Checks names and walks every source; throws a ShelfError sentence on the first problem. */
export async function planCopy(srcs: readonly string[], opts: { root: boolean; guard: SourceGuard; existing?: ReadonlySet<string> }): Promise<CopyPlan> {
  // Every named source first: a parent of the store is refused before its walk could start.
  for (const src of srcs) await opts.guard.checkSource(path.resolve(src));
  const items = await topLevel(srcs, opts.root);
  // macOS and Windows disks usually ignore case: 'A.bin' and 'a.bin' would be one file there.
  const fold = process.platform === 'darwin' || process.platform === 'win32' ? (n: string) => n.toLowerCase() : (n: string) => n;
  const seen = new Set([...(opts.existing ?? [])].map(fold));
  for (const { src, name: raw } of items) {
    const name = fold(raw);
    // BentoML's model.yaml is written at commit (format spec §3.1); a dropped one would be overwritten.
    if (name === 'model.yaml') {
      throw new ShelfError('INVALID_ARGUMENT', `'${src}' is named model.yaml, which Model Shelf writes itself. To bring in a folder that already has a model.yaml, import it instead; nothing was added.`);
    }
    if (seen.has(name)) {
      throw new ShelfError('INVALID_ARGUMENT', `Two items are named '${raw}' at the model's root. Rename one of them and try again; nothing was added.`);
    }
    seen.add(name);
  }
  const state: Walk = { entries: [], total: 0, guard: opts.guard, slice: performance.now() };
  const top: PlanEntry[] = [];
  for (const { src, name } of items) {
    top.push(await walk(state, src, name, new Set(), false, true));
  }
  return { top, entries: state.entries, totalBytes: state.total };
}
