import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { assertCreatableVersion } from '../../shared/tag-rules.ts';
import { errnoCode, fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { updateLatestAfterAdd } from '../latest/latest-rule.ts';
import type { ModelInfo } from '../yaml/model-yaml.ts';
import { assertImportedYamlFits, modelYamlWithinCap } from '../yaml/model-yaml-limits.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { versionRecord } from '../read/version-record.ts';
import { lexists } from '../paths/fs-probe.ts';

// Publishing a staged version (format spec §9.3 "Consequences for the TS app"): everything is
// on disk and fsynced before ONE rename makes the version visible; then `latest` follows the
// max-creation_time rule (§2.2). BentoML instead copies file by file into the final place (§9.1).

async function fsyncPath(target: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(target, 'r');
    await handle.sync();
  } catch (error) {
    // Directories cannot be opened or synced on some platforms (Windows): best effort there.
    const code = errnoCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/** fsyncs every file and directory of a tree, children before their parent directory. */
export async function fsyncTree(dir: string): Promise<void> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(dir, e.name));
  // A few at a time: flushing is I/O bound, and thousands of open handles at once are not kind.
  for (let i = 0; i < files.length; i += 16) await Promise.all(files.slice(i, i + 16).map(fsyncPath));
  for (const sub of entries.filter((e) => e.isDirectory())) await fsyncTree(path.join(dir, sub.name));
  await fsyncPath(dir);
}

function alreadyExists(paths: StorePaths, info: ModelInfo): ShelfError {
  return new ShelfError('ALREADY_EXISTS', `Model '${info.name}:${info.version}' already exists in ${paths.models}. Choose another version, or delete the existing one first.`);
}

/**
 * A version directory called `latest` would take the place of the pointer file (§4.1 "Reserved"):
 * `bentoml models get` then fails with IsADirectoryError. BentoML itself does not stop it.
 */
export function refuseReservedVersion(info: ModelInfo): void {
  try {
    assertCreatableVersion(info.version);
  } catch (error) {
    const why = info.version.toLowerCase() === 'latest' ? "'latest' is the name of BentoML's pointer file, not a version" : (error as Error).message;
    throw new ShelfError('INVALID_TAG', `Model '${info.name}:${info.version}' cannot be added: ${why}. Give it another version (in its model.yaml for an import).`, { cause: error });
  }
}

export async function commitStagedVersion(paths: StorePaths, stagingDir: string, info: ModelInfo, opts: { keepYaml?: boolean; dedup?: boolean } = {}): Promise<ModelVersion> {
  refuseReservedVersion(info);
  const yamlPath = path.join(stagingDir, 'model.yaml');
  const nameDir = path.join(paths.models, info.name);
  const target = path.join(nameDir, info.version);
  try {
    // The model.yaml cap (model-yaml-limits.ts) for every writer, on the bytes actually stored.
    if (!opts.keepYaml) await fsp.writeFile(yamlPath, modelYamlWithinCap(info), { encoding: 'utf8' });
    else assertImportedYamlFits((await fsp.stat(yamlPath)).size, `${info.name}:${info.version}`);
    await fsyncTree(stagingDir);
  } catch (error) {
    throw fsError(error, stagingDir, 'write', paths.home);
  }
  // The manifest (integrity/, loaded on first use): hashed from the staged files, recorded once the version is in place.
  const { hashStaged, recordAtCommit } = await import('../integrity/commit-manifest.ts');
  const manifest = await hashStaged(stagingDir).catch((e: unknown) => Promise.reject(fsError(e, stagingDir, 'read', paths.home)));
  if (opts.dedup) await (await import('../dedup/link-staged.ts')).linkStagedDuplicates(paths, stagingDir, manifest);
  const latest = await withNameLock(paths, info.name, async () => {
    const createdName = await fsp.mkdir(nameDir, { recursive: true }).catch((e: unknown) => Promise.reject(fsError(e, paths.models, 'write', paths.home)));
    // rename(2) silently replaces an EMPTY directory, so the plain existence check matters (§9.3).
    if (await lexists(target)) throw alreadyExists(paths, info);
    try {
      await fsp.rename(stagingDir, target);
    } catch (error) {
      if (createdName !== undefined) await fsp.rmdir(nameDir).catch(() => undefined);
      if (errnoCode(error) === 'ENOTEMPTY' || errnoCode(error) === 'EEXIST') throw alreadyExists(paths, info);
      if (errnoCode(error) === 'EXDEV') {
        throw new ShelfError('IO', `${paths.models} is on another disk than ${paths.private}, so a model cannot be placed atomically. Keep models/ and .model-shelf/ on one filesystem (do not symlink models/).`, { cause: error });
      }
      throw fsError(error, paths.models, 'write', paths.home);
    }
    await fsyncPath(nameDir);
    if (createdName !== undefined) await fsyncPath(paths.models);
    await recordAtCommit(paths, info.name, info.version, manifest, opts.keepYaml ? 'import' : 'create');
    return updateLatestAfterAdd(nameDir, { version: info.version, creationTime: info.creation_time });
  });
  return versionRecord(info, target, latest === info.version);
}
