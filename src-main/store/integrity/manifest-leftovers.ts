import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../paths/home.ts';
import { lexists } from '../paths/fs-probe.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { withTrashLock } from '../remove/trash.ts';
import { manifestPath, manifestsDir, trashManifestPath } from './manifest-file.ts';

// Manifests whose version is gone: the version was deleted by another program (`bentoml models
// delete` knows nothing of them), or a crash fell between a delete's rename and the manifest's
// removal. `repair` reports and removes each, re-checking under the lock its writers hold.

export interface ManifestLeftover {
  readonly file: string;
  readonly message: string;
  readonly remove: () => Promise<boolean>;
}

export async function manifestLeftovers(paths: StorePaths): Promise<ManifestLeftover[]> {
  const out: ManifestLeftover[] = [];
  const root = manifestsDir(paths);
  for (const name of await fsp.readdir(root).catch(() => [] as string[])) {
    for (const file of await fsp.readdir(path.join(root, name)).catch(() => [] as string[])) {
      if (!file.endsWith('.json')) continue;
      const version = file.slice(0, -'.json'.length);
      if (await lexists(path.join(paths.models, name, version))) continue;
      const full = manifestPath(paths, name, version);
      out.push({
        file: full,
        message: `${path.relative(paths.home, full)} is the manifest of '${name}:${version}', which is no longer in the store (deleted by another program, or a delete was interrupted).`,
        remove: () =>
          withNameLock(paths, name, async () => {
            if (await lexists(path.join(paths.models, name, version))) return false;
            await fsp.rm(full, { force: true });
            await fsp.rmdir(path.dirname(full)).catch(() => undefined);
            return true;
          }),
      });
    }
  }
  for (const file of await fsp.readdir(paths.trash).catch(() => [] as string[])) {
    if (!file.endsWith('.manifest')) continue;
    const id = file.slice(0, -'.manifest'.length);
    if (await lexists(path.join(paths.trash, id))) continue;
    const full = trashManifestPath(paths, id);
    out.push({
      file: full,
      message: `${path.relative(paths.home, full)} is the manifest of a trashed version that is no longer in the trash.`,
      remove: () =>
        withTrashLock(paths, async () => {
          if (await lexists(path.join(paths.trash, id))) return false;
          await fsp.rm(full, { force: true });
          return true;
        }),
    });
  }
  return out;
}
