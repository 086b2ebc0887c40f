// A dropped model folder (a version dir copied out of some BentoML home: model.yaml at its
// root) imported like an archive: staged copy, tag from model.yaml, original model.yaml bytes
// kept, one rename into models/ (the store's commit). The store's importModel reads archives only.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError, isShelfError } from '../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../shared/model-types.ts';
import { commitStagedVersion } from '../store/commit-version.ts';
import { copyInto } from '../store/copy-tree.ts';
import type { StorePaths } from '../store/home.ts';
import { parseModelYaml } from '../store/model-yaml.ts';
import { createStagingDir, removeStaging } from '../store/staging-area.ts';

export async function importFolder(
  paths: StorePaths,
  dir: string,
  opts: { id: string; signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void },
): Promise<ModelVersion> {
  const yamlText = await fsp.readFile(path.join(dir, 'model.yaml'), 'utf8').catch(() => {
    throw new ShelfError('INVALID_ARGUMENT', `${dir} is a folder without a model.yaml, so it is not a saved model. Use New Model to make a model from its files.`);
  });
  let info;
  try {
    info = parseModelYaml(yamlText);
  } catch (error) {
    if (isShelfError(error)) throw new ShelfError('BROKEN_MODEL', `The model.yaml in ${dir} is not valid: ${error.message}`, { cause: error });
    throw error;
  }
  const tag = `${info.name}:${info.version}`;
  if (await fsp.lstat(path.join(paths.models, info.name, info.version)).then(() => true, () => false)) {
    throw new ShelfError('ALREADY_EXISTS', `Model '${tag}' already exists in ${paths.models}; delete it first or keep the one you have.`);
  }
  const staging = await createStagingDir(paths, 'import');
  try {
    // copyInto refuses a model.yaml (creates write their own), so the artifacts go through it
    // and the model.yaml bytes are copied as they are.
    const artifacts = (await fsp.readdir(dir)).filter((entry) => entry !== 'model.yaml').map((entry) => path.join(dir, entry));
    if (artifacts.length > 0) {
      await copyInto(artifacts, staging.dir, {
        mode: 'copy',
        root: false,
        home: paths.home,
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (event) => opts.onProgress?.({ ...event, id: opts.id }),
      });
    }
    await fsp.copyFile(path.join(dir, 'model.yaml'), path.join(staging.dir, 'model.yaml'));
    opts.signal?.throwIfAborted();
    return await commitStagedVersion(paths, staging.dir, info, { keepYaml: true });
  } catch (error) {
    await removeStaging(paths, staging.dir).catch(() => undefined);
    if (opts.signal?.aborted) throw new ShelfError('ABORTED', 'The import was cancelled; nothing was added to the store.', { cause: error });
    throw error;
  }
}
