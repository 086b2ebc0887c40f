import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { WriterState } from '../../shared/fix-types.ts';
import type { StorePaths } from '../paths/home.ts';
import { isStaleOwner, lockPath, readLockOwner } from '../paths/store-lock.ts';

// A version folder without model.yaml is either being written now or left by a save that died
// (format spec §9.2, §9.3: nothing on disk says which). What can be known: a Model Shelf writer
// holds the name's lock while it works (store-lock.ts), and any writer (BentoML's copy
// included) keeps changing the folder. So: a live lock owner, or a change within QUIET_MS,
// is a writer at work; a folder untouched for longer with no live owner is an interrupted save.

/** How long a folder must sit untouched, with no live lock owner, to count as an interrupted save. */
export const QUIET_MS = 10 * 60 * 1000;
/** Enough entries to see activity in any real save, without walking a huge folder on every look. */
const MAX_ENTRIES = 5000;

/** The newest mtime of the folder and what is in it (the first MAX_ENTRIES entries). */
async function newestChange(dir: string): Promise<number> {
  let newest = (await fsp.lstat(dir)).mtimeMs;
  let seen = 0;
  const queue = [dir];
  while (queue.length > 0 && seen < MAX_ENTRIES) {
    const current = queue.shift()!;
    const entries = await fsp.readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) break;
      const full = path.join(current, entry.name);
      const stat = await fsp.lstat(full).catch(() => null);
      if (stat === null) continue;
      newest = Math.max(newest, stat.mtimeMs);
      if (stat.isDirectory()) queue.push(full);
    }
  }
  return newest;
}

export async function writerState(paths: StorePaths, name: string, version: string, now = Date.now()): Promise<WriterState> {
  const dir = path.join(paths.models, name, version);
  const hasYaml = await fsp.lstat(path.join(dir, 'model.yaml')).then(() => true, () => false);
  const lastChangeMs = await newestChange(dir);
  const owner = await readLockOwner(lockPath(paths, name));
  const liveOwner = owner !== null && !isStaleOwner(owner) ? { pid: owner.pid, host: owner.host } : null;
  const quietMs = Math.max(0, now - lastChangeMs);
  const state = hasYaml ? 'complete' : liveOwner !== null || quietMs < QUIET_MS ? 'writing' : 'interrupted';
  return { tag: `${name}:${version}`, state, lastChangeMs, quietMs, liveOwner };
}
