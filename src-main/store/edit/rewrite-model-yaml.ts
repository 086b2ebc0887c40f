import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { createStagingDir, removeStaging } from '../create/staging-area.ts';
import { crashPoint } from '../paths/crash-points.ts';
import { errnoCode, fsError, withFsErrors } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { syncDir, writeNewFileSynced } from './durable-file.ts';
import { onModelYamlRewritten } from './model-yaml-rewritten.ts';

// Replacing a finished version's model.yaml (issue 11 §5): the complete new file is written and
// fsynced in the store's staging area (`.model-shelf/staging/edit-<owner stamp>/`, outside the
// version folder and outside models/, on the same disk), then ONE rename puts it over the old
// file and the version folder is fsynced. A kill at any moment leaves the old file or the new
// one under the name model.yaml, and never a temporary file in the version folder: what a crash
// leaves is the staging folder, which the next writer of this machine reclaims and `repair`
// reports (create/staging-area.ts, owner-id.ts). Call it holding the name's lock.

export interface RewriteTarget {
  readonly name: string;
  readonly version: string;
  /** The version directory. */
  readonly dir: string;
}

export interface RewriteOptions {
  /** Mode of the new file (the old one's). */
  readonly mode: number;
  /** The old bytes, kept as the edit's undo: staged now, moved into the trash after the rename by `publish`. */
  readonly undo?: { readonly bytes: Buffer; readonly id: string; readonly publish: (staged: string) => Promise<void> };
}

/**
 * A finished version never changes at the depth the store's watchers look at (store-watcher.ts
 * watches `models/<name>/` entries, not every version's files). Touching `latest`'s times tells
 * them this name changed without changing a byte BentoML reads, in this process or any other.
 */
async function tellWatchers(nameDir: string): Promise<void> {
  const latest = path.join(nameDir, 'latest');
  const stat = await fsp.lstat(latest).catch(() => null);
  if (!stat?.isFile()) return;
  const now = new Date();
  await fsp.utimes(latest, stat.atime, now).catch(() => undefined);
}

function otherDisk(paths: StorePaths, dir: string, cause: unknown): ShelfError {
  return new ShelfError(
    'IO',
    `The model.yaml in ${dir} was not changed: ${paths.private} is on another disk than the model's folder, so the new file cannot be put in place in one step. Make ${paths.private} a link to a folder on the models' disk and try again.`,
    { cause },
  );
}

/** Puts `bytes` in place as `<dir>/model.yaml`; returns whether the undo reached the trash. */
export async function replaceModelYaml(paths: StorePaths, target: RewriteTarget, bytes: Buffer, opts: RewriteOptions): Promise<{ undone: boolean }> {
  const staging = await createStagingDir(paths, 'edit');
  try {
    const staged = path.join(staging.dir, 'model.yaml');
    await withFsErrors(staging.dir, 'write', paths.home, async () => {
      await writeNewFileSynced(staged, bytes, opts.mode);
      if (opts.undo) {
        await fsp.mkdir(path.join(staging.dir, opts.undo.id));
        await writeNewFileSynced(path.join(staging.dir, opts.undo.id, 'model.yaml'), opts.undo.bytes, opts.mode);
      }
      await syncDir(staging.dir);
    });
    crashPoint('edit-staged');
    const file = path.join(target.dir, 'model.yaml');
    try {
      await fsp.rename(staged, file);
    } catch (error) {
      throw errnoCode(error) === 'EXDEV' ? otherDisk(paths, target.dir, error) : fsError(error, file, 'write', paths.home);
    }
    await syncDir(target.dir).catch(() => undefined);
    crashPoint('edit-renamed');
    await tellWatchers(path.dirname(target.dir));
    await onModelYamlRewritten(paths, { ...target, bytes });
    if (!opts.undo) return { undone: false };
    // The edit is done whatever happens now: a trash that cannot take the undo costs the undo, not the edit.
    const undone = await opts.undo.publish(path.join(staging.dir, opts.undo.id)).then(
      () => true,
      () => false,
    );
    return { undone };
  } finally {
    await removeStaging(paths, staging.dir).catch(() => undefined);
  }
}
