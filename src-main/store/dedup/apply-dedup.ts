import { promises as fsp } from 'node:fs';
import type { ProgressEvent } from '../../shared/model-types.ts';
import { abortedError, fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { readManifest, writeManifest } from '../integrity/manifest-file.ts';
import { hashTree, newManifest } from '../integrity/record-manifest.ts';
import type { DedupPlan, FileRef, FoundFile } from './find-duplicates.ts';
import { newLinker, OwnerReplaced, replaceWithLink, type LinkMethod } from './link-replace.ts';
import { shownPath } from '../read/raw-names.ts';

// Carrying out a plan: the copies of each model are replaced while that model's name lock is
// held (the lock every Model Shelf writer of that name takes), one atomic rename per file. A
// file that changed since it was hashed (other inode, size or mtime), or whose kept twin did,
// is left as it is and reported: the plan never links bytes it did not see.

export interface Replaced extends FileRef {
  readonly keep: FileRef;
  readonly method: LinkMethod;
}

export interface Skipped extends FileRef {
  readonly reason: string;
}

export interface DedupResult {
  readonly replaced: readonly Replaced[];
  readonly skipped: readonly Skipped[];
  /** Bytes freed: the planned figure of every copy whose every link was replaced. */
  readonly freed: number;
  /** The method used ('' when nothing was replaced). */
  readonly method: LinkMethod | '';
}

async function unchanged(f: FoundFile): Promise<boolean> {
  const st = await fsp.lstat(f.abs).catch(() => null);
  return st !== null && st.isFile() && st.ino === f.ino && st.dev === f.dev && st.size === f.size && st.mtimeMs === f.mtimeMs;
}

const ref = (f: FileRef): FileRef => ({ tag: f.tag, path: f.path });

export async function applyDedup(
  paths: StorePaths,
  plan: DedupPlan,
  opts: { signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void; id?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<DedupResult> {
  const id = opts.id ?? 'dedup';
  const linker = newLinker(opts.env);
  const work = plan.groups.flatMap((g) => g.replace.map((target) => ({ group: g, target })));
  const byName = new Map<string, typeof work>();
  for (const w of work) byName.set(w.target.name, [...(byName.get(w.target.name) ?? []), w]);
  const replaced: Replaced[] = [];
  const skipped: Skipped[] = [];
  const doneInodes = new Map<string, number>();
  // Progress in bytes of the copies being replaced, like every other task's (a link costs the same whatever the size).
  const total = work.reduce((sum, w) => sum + w.target.size, 0);
  let done = 0;
  for (const [name, items] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (opts.signal?.aborted) throw abortedError();
    await withNameLock(paths, name, async () => {
      const touched = new Set<string>();
      for (const { group, target } of items) {
        if (opts.signal?.aborted) break;
        opts.onProgress?.({ id, phase: 'linking', bytesDone: done, bytesTotal: total, current: `${target.tag}/${target.path}` });
        done += target.size;
        if (!(await unchanged(target))) {
          skipped.push({ ...ref(target), reason: 'it changed, moved or went away after it was hashed' });
          continue;
        }
        if (!(await unchanged(group.keep))) {
          skipped.push({ ...ref(target), reason: `its twin ${group.keep.tag}/${group.keep.path} changed, moved or went away after it was hashed` });
          continue;
        }
        try {
          const method = await replaceWithLink(paths, linker, group.keep.abs, target.abs, group.keep.ino);
          replaced.push({ ...ref(target), keep: ref(group.keep), method });
          touched.add(target.tag);
          const key = `${target.dev}:${target.ino}`;
          doneInodes.set(key, (doneInodes.get(key) ?? 0) + 1);
        } catch (error) {
          const reason = error instanceof OwnerReplaced ? `its twin ${group.keep.tag}/${group.keep.path} changed, moved or went away after it was hashed` : fsError(error, shownPath(target.abs), 'write', paths.home).message;
          skipped.push({ ...ref(target), reason });
        }
      }
      // "Recorded on every dedup": a changed version without a manifest gets one now (from the
      // hashes already known where possible), marked as recorded after its save.
      for (const tag of touched) {
        const version = tag.slice(name.length + 1);
        if ((await readManifest(paths, name, version)) !== null) continue;
        const dir = items.find((i) => i.target.tag === tag)?.target.dir ?? '';
        const files = await hashTree(dir, { known: plan.hashes.get(tag) ?? new Map() }).catch(() => null);
        if (files !== null) await writeManifest(paths, name, version, newManifest(tag, files, 'dedup')).catch(() => undefined);
      }
    });
  }
  if (opts.signal?.aborted) throw abortedError();
  let freed = 0;
  for (const g of plan.groups) {
    for (const inode of new Set(g.replace.map((f) => `${f.dev}:${f.ino}`))) {
      const count = g.replace.filter((f) => `${f.dev}:${f.ino}` === inode).length;
      const first = g.replace.find((f) => `${f.dev}:${f.ino}` === inode);
      if (first && doneInodes.get(inode) === count && first.nlink === count) freed += first.size;
    }
  }
  opts.onProgress?.({ id, phase: 'done', bytesDone: done, bytesTotal: total });
  return { replaced, skipped, freed, method: replaced[0]?.method ?? '' };
}
