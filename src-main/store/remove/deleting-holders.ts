import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../paths/home.ts';
import { isAbandoned, isDeadHere, listOwned, newStamp, type Owner } from '../paths/owner-id.ts';

// When `models/` (or a name folder) is a link to another disk, a deleted version leaves
// `models/` by a rename into `.model-shelf-deleting-<owner stamp>/` beside the real `models/`
// folder on that disk (move-aside.ts). A crash before its removal leaves that folder; the next
// delete reclaims this machine's dead ones, and `repair` reports and removes every abandoned one
// (owner-id.ts). Older versions named it `.model-shelf-deleting-XXXXXX` (mkdtemp): no owner.

const PREFIX = '.model-shelf-deleting-';
const LEGACY_RE = /^[A-Za-z0-9]{6}$/;

export interface Holder {
  readonly dir: string;
  readonly owner: Owner | null;
  readonly mtimeMs: number;
}

export const inside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent + path.sep);

/**
 * The folders where a delete of a version under `nameDirs` may put its holder: beside a name
 * folder that links out of `models/`, and beside the real `models/` (never inside it).
 */
export async function holderBases(paths: StorePaths, nameDirs: readonly string[]): Promise<string[]> {
  const realModels = await fsp.realpath(paths.models);
  const bases: string[] = [];
  for (const nameDir of nameDirs) {
    const real = await fsp.realpath(nameDir).catch(() => null);
    if (real !== null && !inside(real, realModels)) bases.push(path.dirname(real));
  }
  bases.push(path.dirname(realModels));
  return [...new Set(bases)].filter((base) => !inside(base, realModels));
}

/** Every name folder of the store that is a link (where a holder may sit beside its target). */
export async function linkedNameDirs(paths: StorePaths): Promise<string[]> {
  const entries = await fsp.readdir(paths.models, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isSymbolicLink()).map((e) => path.join(paths.models, e.name));
}

/** Makes a fresh holder folder in `base`. */
export async function makeHolder(base: string): Promise<string> {
  for (;;) {
    const dir = path.join(base, `${PREFIX}${newStamp()}`);
    try {
      await fsp.mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The holders in `bases`, whoever owns them. */
export async function listHolders(bases: readonly string[]): Promise<Holder[]> {
  const out: Holder[] = [];
  for (const base of bases) {
    for (const { path: dir, owner, mtimeMs } of await listOwned(base, PREFIX, LEGACY_RE, 'directory')) out.push({ dir, owner, mtimeMs });
  }
  return out;
}

export async function removeHolder(holder: Holder): Promise<void> {
  await fsp.rm(holder.dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Removes this machine's holders whose process is gone, in `bases`; never fails the caller. */
export async function reclaimDeadHolders(bases: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const holder of await listHolders(bases).catch(() => [] as Holder[])) {
    if (!isDeadHere(holder.owner)) continue;
    await removeHolder(holder).then(() => removed.push(holder.dir), () => undefined);
  }
  return removed;
}

/** Holders of the store that `repair` may remove (owner-id.ts's rule). */
export async function abandonedHolders(paths: StorePaths): Promise<Holder[]> {
  const bases = await holderBases(paths, await linkedNameDirs(paths)).catch(() => [] as string[]);
  const now = Date.now();
  return (await listHolders(bases)).filter((h) => isAbandoned(h.owner, h.mtimeMs, now));
}
