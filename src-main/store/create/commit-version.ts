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
import { flushTree, fsyncPath } from './flush-tree.ts';
import type { FileHash } from '../integrity/hash-file.ts';

// Publishing a staged version (format spec §9.3 "Consequences for the TS app"): everything is
// on disk (flush-tree.ts: per-file fsync, or one syncfs for many files) before ONE rename makes
// the version visible; then `latest` follows the max-creation_time rule (§2.2). BentoML instead
// copies file by file into the final place (§9.1).

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

export interface CommitOptions {
  /** An import: the staged model.yaml is kept as it is (not written from `info`). */
  readonly keepYaml?: boolean;
  readonly dedup?: boolean;
  /**
   * The manifest's hashes of every staged file but model.yaml, made while copying (create/, an
   * import of a folder): the staged files are then never read back. 'pending': nothing hashed the
   * files (see `pendingReason`), the first verify records the manifest. Absent (an archive
   * import): the staged files are hashed while they are flushed.
   */
  readonly hashes?: Promise<ReadonlyMap<string, FileHash>> | 'pending';
  /** Why the manifest is pending (with `hashes: 'pending'`): a move linked files (the default), or the create was asked to hash later. */
  readonly pendingReason?: 'moved' | 'later';
  /** With keepYaml: the staged model.yaml's bytes, already in memory (hashed from them, not read back). */
  readonly yamlBytes?: Buffer;
}

export async function commitStagedVersion(paths: StorePaths, stagingDir: string, info: ModelInfo, opts: CommitOptions = {}): Promise<ModelVersion> {
  refuseReservedVersion(info);
  const yamlPath = path.join(stagingDir, 'model.yaml');
  // The manifest (integrity/, loaded on first use): hashes made during the copy, or (import, or
  // a move asked to dedup) the staged files hashed while they are flushed below.
  const integrity = await import('../integrity/commit-manifest.ts');
  const pending = opts.hashes === 'pending' && !opts.dedup;
  const hashing = pending ? Promise.resolve(null) : opts.hashes !== undefined && opts.hashes !== 'pending' ? opts.hashes.then(integrity.entriesOfHashes) : integrity.hashStagedArtifacts(stagingDir);
  hashing.catch(() => undefined);
  const nameDir = path.join(paths.models, info.name);
  const target = path.join(nameDir, info.version);
  let yaml: Buffer | undefined = opts.keepYaml ? opts.yamlBytes : undefined;
  try {
    // The model.yaml cap (model-yaml-limits.ts) for every writer, on the bytes actually stored.
    if (!opts.keepYaml) {
      yaml = Buffer.from(modelYamlWithinCap(info), 'utf8');
      await fsp.writeFile(yamlPath, yaml);
    } else assertImportedYamlFits((await fsp.stat(yamlPath)).size, `${info.name}:${info.version}`);
    await flushTree(stagingDir);
  } catch (error) {
    throw fsError(error, stagingDir, 'write', paths.home);
  }
  // The manifest: recorded once the version is in place (model.yaml hashed from the bytes written).
  const files = await hashing.catch((e: unknown) => Promise.reject(fsError(e, stagingDir, 'read', paths.home)));
  const manifest = files === null ? null : integrity.withModelYaml(files, stagingDir, yaml);
  if (opts.dedup && manifest !== null) await (await import('../dedup/link-staged.ts')).linkStagedDuplicates(paths, stagingDir, manifest);
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
    if (manifest === null) await integrity.recordPendingAtCommit(paths, info.name, info.version, opts.pendingReason ?? 'moved');
    else await integrity.recordAtCommit(paths, info.name, info.version, manifest, opts.keepYaml ? 'import' : 'create');
    return updateLatestAfterAdd(nameDir, { version: info.version, creationTime: info.creation_time });
  });
  return versionRecord(info, target, latest === info.version);
}
