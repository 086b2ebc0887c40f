import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StorePaths } from './home.ts';
import { isProcessAlive } from './store-lock.ts';

// Staging lives in `<home>/.model-shelf/staging/`, outside `models/` (a stray directory there
// breaks `bentoml models list`, format spec §9.3) but on the same filesystem, so that one
// rename() publishes a version. The owner pid is part of the id so that `repair` can tell a
// live session from the remains of a crashed one without any side file.

export type StagingKind = 'create' | 'import' | 'delete' | 'trash';

export interface StagingEntry {
  readonly id: string;
  readonly dir: string;
  readonly kind: string;
  readonly pid: number;
  /** False when the owning process is gone: the entry is an orphan that may be removed. */
  readonly alive: boolean;
}

const ID_RE = /^([a-z]+)-(\d+)-([0-9a-f]+)$/;

export async function createStagingDir(paths: StorePaths, kind: StagingKind = 'create'): Promise<{ id: string; dir: string }> {
  await fsp.mkdir(paths.staging, { recursive: true });
  for (;;) {
    const id = `${kind}-${process.pid}-${randomBytes(6).toString('hex')}`;
    const dir = path.join(paths.staging, id);
    try {
      await fsp.mkdir(dir);
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A fresh, not yet existing path inside staging (rename targets for deletes). */
export async function reserveStagingPath(paths: StorePaths, kind: StagingKind): Promise<{ id: string; dir: string }> {
  await fsp.mkdir(paths.staging, { recursive: true });
  const id = `${kind}-${process.pid}-${randomBytes(6).toString('hex')}`;
  return { id, dir: path.join(paths.staging, id) };
}

export async function listStaging(paths: StorePaths): Promise<StagingEntry[]> {
  let names: string[];
  try {
    names = await fsp.readdir(paths.staging);
  } catch {
    return [];
  }
  return names.sort().map((id) => {
    const match = ID_RE.exec(id);
    const pid = match ? Number(match[2]) : 0;
    return { id, dir: path.join(paths.staging, id), kind: match?.[1] ?? 'unknown', pid, alive: pid > 0 && isProcessAlive(pid) };
  });
}

export async function removeStaging(paths: StorePaths, idOrDir: string): Promise<void> {
  const dir = path.isAbsolute(idOrDir) ? idOrDir : path.join(paths.staging, idOrDir);
  // Never let a bad id reach outside the staging area.
  if (path.dirname(dir) !== paths.staging) throw new Error(`not a staging entry: ${idOrDir}`);
  await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
