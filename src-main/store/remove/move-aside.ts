import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { errnoCode, fsError } from '../paths/fs-errors.ts';
import { holderBases, makeHolder } from './deleting-holders.ts';
import type { StorePaths } from '../paths/home.ts';
import { reserveStagingPath } from '../create/staging-area.ts';
import { removeManifest } from '../integrity/manifest-file.ts';

// A deleted version leaves `models/` by one rename, so no reader ever sees it half-removed.
// Normally it goes into `.model-shelf/staging/`; when `models/` (or a name folder) is a link to
// another disk, that rename fails with EXDEV and the version goes instead into a fresh hidden
// folder next to the real `models/` folder on its own disk, never anywhere inside `models/`
// (a stray folder there breaks `bentoml models list`, format spec §9.3). Both places name their
// owner (owner-id.ts), so a crash's leftovers are reclaimed (staging-area.ts, deleting-holders.ts).

export interface Aside {
  /** Where the version now is. */
  readonly dir: string;
  /** What to remove afterwards (the version, or the folder holding it). */
  readonly remove: string;
}

async function sameDiskHolder(paths: StorePaths, dir: string): Promise<string | null> {
  const dev = (await fsp.lstat(dir)).dev;
  for (const base of await holderBases(paths, [path.dirname(dir)])) {
    const stat = await fsp.stat(base).catch(() => null);
    if (stat?.dev !== dev) continue;
    const holder = await makeHolder(base).catch(() => null);
    if (holder !== null) return holder;
  }
  return null;
}

function crossDiskError(paths: StorePaths, tag: string, cause: unknown): ShelfError {
  return new ShelfError(
    'IO',
    `Model '${tag}' was not deleted: its folder is on another disk than ${paths.private}, and there is no place on that disk outside models/ to move it to first. Make ${paths.private} a link to a folder on the models' disk, or delete it with \`bentoml models delete ${tag}\`.`,
    { cause },
  );
}

/**
 * Moves the version folder `dir` (tag `tag`) out of `models/` by one rename; its SHA-256 manifest
 * (integrity/) goes with it, whoever deletes (delete, prune).
 */
export async function moveAside(paths: StorePaths, dir: string, tag: string): Promise<Aside> {
  const aside = await movedAside(paths, dir, tag);
  await removeManifest(paths, path.basename(path.dirname(dir)), path.basename(dir)).catch(() => undefined);
  return aside;
}

async function movedAside(paths: StorePaths, dir: string, tag: string): Promise<Aside> {
  const aside = await reserveStagingPath(paths, 'delete');
  try {
    await fsp.rename(dir, aside.dir);
    return { dir: aside.dir, remove: aside.dir };
  } catch (error) {
    if (errnoCode(error) !== 'EXDEV') throw fsError(error, dir, 'move', paths.home);
    const holder = await sameDiskHolder(paths, dir).catch(() => null);
    if (holder === null) throw crossDiskError(paths, tag, error);
    const target = path.join(holder, 'version');
    try {
      await fsp.rename(dir, target);
    } catch (again) {
      await fsp.rmdir(holder).catch(() => undefined);
      throw errnoCode(again) === 'EXDEV' ? crossDiskError(paths, tag, again) : fsError(again, dir, 'move', paths.home);
    }
    return { dir: target, remove: holder };
  }
}
