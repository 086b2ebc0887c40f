import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError, isShelfError } from '../../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../../shared/model-types.ts';
import { commitStagedVersion, refuseReservedVersion } from '../create/commit-version.ts';
import { copyInto } from '../create/copy-tree.ts';
import { fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { parseModelYaml, type ModelInfo } from '../yaml/model-yaml.ts';
import { assertImportedYamlFits, refuseOversizedYamlFile } from '../yaml/model-yaml-limits.ts';
import { MAX_MODEL_YAML_BYTES } from '../../shared/model-yaml-cap.ts';
import { readRegularFile } from '../read/regular-file.ts';
import { sourceGuard } from '../paths/source-guard.ts';
import { createStagingDir, removeStaging } from '../create/staging-area.ts';
import { lexists } from '../paths/fs-probe.ts';

export interface ImportFolderOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Progress id; a random `import-…` id when absent. */
  readonly id?: string;
  /** Store files identical to stored ones as links to them (dedup/link-staged.ts). */
  readonly dedup?: boolean;
}

/** model.yaml read ONCE: the bytes parsed are the bytes stored, even if the file changes meanwhile. */
async function readInfo(dir: string): Promise<{ info: ModelInfo; bytes: Buffer }> {
  const file = path.join(dir, 'model.yaml');
  // Non-blocking and only as a regular file: a pipe named model.yaml would wait for a writer for good.
  const read = await readRegularFile(file, MAX_MODEL_YAML_BYTES).catch(() => {
    throw new ShelfError('INVALID_ARGUMENT', `${dir} is a folder without a model.yaml, so it is not a saved model. Create a new model from its files instead (New Model in the window, \`model-shelf create NAME --root DIR\` in a terminal).`);
  });
  if (read.kind === 'not-a-file') {
    throw new ShelfError('INVALID_ARGUMENT', `The model.yaml in ${dir} is not a regular file (a pipe, socket, device or folder), so it was not read and nothing was imported; replace it with the model's model.yaml and import again.`);
  }
  if (read.kind === 'too-big') assertImportedYamlFits(read.size, dir);
  const bytes = read.kind === 'bytes' ? read.bytes : Buffer.alloc(0);
  try {
    return { info: parseModelYaml(bytes.toString('utf8')), bytes };
  } catch (error) {
    if (isShelfError(error)) throw new ShelfError('BROKEN_MODEL', `The model.yaml in ${dir} is not valid: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Imports a saved model folder — a version directory copied out of some BentoML home, or what
 * `bentoml.models.export_model(tag, dir, 'folder')` writes (format spec §7.1): model.yaml at its
 * root. Like an archive import: a staged copy, the tag from model.yaml, the original model.yaml
 * bytes kept, one rename into models/ (commitStagedVersion).
 */
export async function importFolder(paths: StorePaths, dir: string, opts: ImportFolderOptions = {}): Promise<ModelVersion> {
  // A version folder of this very store, or any folder in or around the store's own folders,
  // is refused before anything is read (source-guard.ts).
  const guard = await sourceGuard(paths);
  const own = await guard.versionTag(dir);
  if (own !== undefined) {
    throw new ShelfError('ALREADY_EXISTS', `'${dir}' is the folder of '${own}' in this store: that version is already in this store, so there is nothing to import.`);
  }
  await guard.checkSource(dir);
  await refuseOversizedYamlFile(path.join(dir, 'model.yaml'), dir);
  const { info, bytes: yamlBytes } = await readInfo(dir);
  refuseReservedVersion(info);
  const tag = `${info.name}:${info.version}`;
  if (await lexists(path.join(paths.models, info.name, info.version))) {
    throw new ShelfError('ALREADY_EXISTS', `Model '${tag}' already exists in ${paths.models}; delete it first or keep the one you have.`);
  }
  const id = opts.id ?? `import-${randomBytes(6).toString('hex')}`;
  const staging = await createStagingDir(paths, 'import').catch((e: unknown) => Promise.reject(fsError(e, paths.staging, 'write', paths.home)));
  try {
    // copyInto refuses a model.yaml (creates write their own), so the artifacts go through it
    // and the model.yaml bytes read above are written as they are.
    const artifacts = (await fsp.readdir(dir)).filter((entry) => entry !== 'model.yaml').map((entry) => path.join(dir, entry));
    // The manifest is hashed during the copy, as a create does (create/copy-file.ts: small files
    // from the copy's buffer, big ones from their source while the kernel copies them), and
    // model.yaml from the bytes read above: no byte is read a second time to be hashed.
    const hashes =
      artifacts.length === 0
        ? Promise.resolve(new Map())
        : (
            await copyInto(artifacts, staging.dir, {
              mode: 'copy',
              root: false,
              hash: true,
              store: paths,
              ...(opts.signal ? { signal: opts.signal } : {}),
              onProgress: (event) => opts.onProgress?.({ ...event, id }),
            })
          ).hashes;
    await fsp.writeFile(path.join(staging.dir, 'model.yaml'), yamlBytes, { flag: 'wx' });
    opts.signal?.throwIfAborted();
    const version = await commitStagedVersion(paths, staging.dir, info, { keepYaml: true, yamlBytes, dedup: opts.dedup === true, hashes });
    opts.onProgress?.({ id, phase: 'done', bytesDone: version.size, bytesTotal: version.size });
    return version;
  } catch (error) {
    await removeStaging(paths, staging.dir).catch(() => undefined);
    if (opts.signal?.aborted) throw new ShelfError('ABORTED', 'The import was cancelled; nothing was added to the store.', { cause: error });
    throw error;
  }
}
