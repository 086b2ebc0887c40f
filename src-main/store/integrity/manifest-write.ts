import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { removeStaging, reserveStagingPath } from '../create/staging-area.ts';
import type { Manifest, ManifestEntry, PendingManifest } from './manifest-file.ts';

// Where manifests live and how one is written (manifest-file.ts says why, and reads them). Apart
// from the reader because writing needs no schema: a create records its manifest through this
// file alone, and the schema library the reader validates with costs every create ~60 ms of CPU
// to load (docs/benchmarks.md "Create, whole process"), more than the rest of its commit.

export const MANIFEST_FORMAT = 'model-shelf-manifest/1';

/**
 * A version saved without hashing its bytes (`create --move` links them, `create --manifest
 * later` copies them without hashing): its manifest is recorded by its first verify. Another
 * format string, so that a reader that knows only real manifests (readManifest, and older Model
 * Shelf versions) sees no manifest at all, never an empty one that would report every file as
 * having appeared.
 */
export const PENDING_FORMAT = 'model-shelf-manifest-pending/1';

export function manifestsDir(paths: StorePaths): string {
  return path.join(paths.private, 'manifests');
}

export function manifestPath(paths: StorePaths, name: string, version: string): string {
  return path.join(manifestsDir(paths), name, `${version}.json`);
}

export function newManifest(tag: string, files: ManifestEntry[], recordedBy: Manifest['recordedBy']): Manifest {
  return { format: MANIFEST_FORMAT, tag, recordedAt: new Date().toISOString(), recordedBy, atSave: recordedBy === 'create' || recordedBy === 'import', files };
}

/**
 * Writes a manifest atomically (a complete file renamed over the old one). `sync: false` skips
 * the fsync, for a pending manifest whose loss in a crash changes nothing (see PENDING_FORMAT).
 */
export async function writeManifest(paths: StorePaths, name: string, version: string, manifest: Manifest | PendingManifest, opts: { sync?: boolean } = {}): Promise<void> {
  const target = manifestPath(paths, name, version);
  const temp = (await reserveStagingPath(paths, 'manifest')).dir;
  try {
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const handle = await fsp.open(temp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(manifest)}\n`);
      if (opts.sync !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, target);
  } catch (error) {
    await removeStaging(paths, temp).catch(() => undefined);
    throw fsError(error, target, 'write', paths.home);
  }
}
