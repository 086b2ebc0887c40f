import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { ShelfError, isShelfError } from '../../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../../shared/model-types.ts';
import { extractEntries, noSpace } from './archive-extract.ts';
import { isArchiveFormat, lastExtension } from '../archive/archive-format.ts';
import { readTarEntries, readZipEntries } from '../archive/archive-readers.ts';
import type { RawEntry } from '../archive/archive-readers.ts';
import { describeMagic, sniffArchive } from '../archive/archive-sniff.ts';
import type { ArchiveMagic } from '../archive/archive-sniff.ts';
import { bunzip2 } from '../archive/archive-bunzip2.ts';
import { commitStagedVersion, refuseReservedVersion } from '../create/commit-version.ts';
import { errnoCode, fsError } from '../paths/fs-errors.ts';
import { importFolder } from './import-folder.ts';
import type { StorePaths } from '../paths/home.ts';
import { refuseMissingRootYaml } from './archive-root-check.ts';
import { assertImportedYamlFits } from '../yaml/model-yaml-limits.ts';
import { parseModelYaml } from '../yaml/model-yaml.ts';
import { progressThrottle } from '../archive/archive-progress.ts';
import { createStagingDir, removeStaging } from '../create/staging-area.ts';
import { xzDecompressor } from '../archive/xz-streams.ts';
import { openXzBlocks } from '../archive/xz-parallel-decode.ts';
import { openRegularArchive } from '../archive/archive-not-regular.ts';
import { lexists } from '../paths/fs-probe.ts';

export interface ImportOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly id?: string;
  readonly cwd?: string;
  /** Store files identical to stored ones as links to them (dedup/link-staged.ts). */
  readonly dedup?: boolean;
}

/**
 * The archive's members. An .xz file that is one stream of several LZMA2 blocks (what Model
 * Shelf and `xz -T` write) is decoded on every core, block by block, each block's size proved
 * before it is decoded (archive/xz-parallel-decode.ts); any other xz file (BentoML writes one
 * block) is decoded as a stream. A one-stream xz file whose index says it unpacks to more than
 * `byteBudget` is refused before a byte is decoded.
 */
async function openArchive(file: string, magic: ArchiveMagic, byteBudget: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<AsyncIterable<RawEntry>> {
  if (magic === 'zip') return readZipEntries(file);
  if (magic === 'xz') {
    const blocks = await openXzBlocks(file);
    if (blocks && blocks.layout.uncompressed > byteBudget) {
      await blocks.close();
      throw noSpace(byteBudget);
    }
    let fit = false;
    try {
      fit = blocks !== null && (await blocks.blocksFit());
    } finally {
      if (blocks && !fit) await blocks.close();
    }
    if (blocks && fit) return readTarEntries([], blocks.decode({ onPacked: onBytes }), signal);
  }
  const counter = new Transform({ transform: (c: Buffer, _e, done) => (onBytes(c.length), done(null, c)) });
  const stages: NodeJS.ReadWriteStream[] = [counter];
  if (magic === 'xz') stages.push(xzDecompressor());
  else if (magic === 'gzip') stages.push(createGunzip());
  else if (magic === 'bz2') stages.push(bunzip2());
  else if (magic === 'zstd') stages.push(createZstdDecompress());
  // Non-blocking and checked: the archive may have been swapped for a pipe since it was sniffed.
  return readTarEntries(stages, (await openRegularArchive(file)).createReadStream(), signal);
}

async function freeBytes(dir: string): Promise<number> {
  const s = await fsp.statfs(dir).catch(() => null);
  return s ? s.bavail * s.bsize : Number.MAX_SAFE_INTEGER;
}

/** The format check BentoML makes (§7.5): `.bentomodel` must be xz; other names are sniffed. */
function checkContainer(file: string, magic: ArchiveMagic): void {
  const ext = lastExtension(file);
  const base = path.basename(file);
  if (ext === 'bentomodel' && magic !== 'xz') {
    throw new ShelfError('BAD_ARCHIVE', `'${base}' is not a BentoML model archive: a .bentomodel file must be an xz-compressed tar, but this one is ${describeMagic(magic)}. BentoML refuses it too; re-export the model with \`model-shelf export\` or \`bentoml models export\`.`);
  }
  if (magic === 'unknown') {
    const named = isArchiveFormat(ext) ? ` although its name ends in .${ext}` : '';
    throw new ShelfError('BAD_ARCHIVE', `'${base}' is not a tar, tar.gz, tar.xz, tar.bz2, tar.zst, zip or .bentomodel archive${named}. Choose a file made by \`bentoml models export\` or \`model-shelf export\`.`);
  }
}

/**
 * Imports an archive made by `bentoml models export` (any 1.4.x) or by Model Shelf (format
 * spec §7.5): extraction into a private staging dir with hostile members refused, the tag taken
 * from model.yaml, the original model.yaml bytes kept, then one atomic rename into models/.
 * A folder with model.yaml at its root is imported the same way (import-folder.ts).
 */
export async function importModel(paths: StorePaths, file: string, opts: ImportOptions = {}): Promise<ModelVersion> {
  const abs = path.resolve(opts.cwd ?? process.cwd(), file);
  const stat = await fsp.stat(abs).catch((e: unknown) => Promise.reject(fsError(e, abs, 'read')));
  // A saved model folder is BentoML's `folder` export format (§7.1).
  if (stat.isDirectory()) return importFolder(paths, abs, opts);
  if (!stat.isFile()) throw new ShelfError('INVALID_ARGUMENT', `'${abs}' is neither a file nor a folder. Pass the path of a .bentomodel (or tar, zip) archive or of a folder holding a model.yaml.`);
  const magic = await sniffArchive(abs).catch((e: unknown) => Promise.reject(fsError(e, abs, 'read')));
  checkContainer(abs, magic);
  const id = opts.id ?? `import-${randomBytes(6).toString('hex')}`;
  const progress = progressThrottle(id, 'extracting', stat.size, opts.onProgress);
  const staging = await createStagingDir(paths, 'import').catch((e: unknown) => Promise.reject(fsError(e, paths.staging, 'write', paths.home)));
  try {
    const byteBudget = await freeBytes(staging.dir);
    const entries = await openArchive(abs, magic, byteBudget, (n) => progress.add(n), opts.signal);
    const archiveName = path.basename(abs);
    await extractEntries(entries, staging.dir, {
      byteBudget,
      // An oversized model.yaml is refused at its header, before its bytes reach the disk.
      checkFile: (rel, size) => (rel === 'model.yaml' ? assertImportedYamlFits(size, archiveName) : undefined),
      ...(opts.signal ? { signal: opts.signal } : {}),
      // zip members are read at random offsets, so zip progress is counted per member
      ...(magic === 'zip' ? { onEntryDone: (e: RawEntry) => progress.add(e.packedSize ?? 0) } : {}),
    });
    opts.signal?.throwIfAborted();
    // Sized again on disk: a link member can make model.yaml a copy of any file of the archive.
    assertImportedYamlFits(await refuseMissingRootYaml(staging.dir, archiveName), archiveName);
    const info = parseModelYaml(await fsp.readFile(path.join(staging.dir, 'model.yaml'), 'utf8'));
    refuseReservedVersion(info);
    const tag = `${info.name}:${info.version}`;
    if (await lexists(path.join(paths.models, info.name, info.version))) {
      throw new ShelfError('ALREADY_EXISTS', `Model '${tag}' already exists in ${paths.models}; delete it first or keep the one you have.`);
    }
    progress.emit(undefined, 'committing');
    const version = await commitStagedVersion(paths, staging.dir, info, { keepYaml: true, dedup: opts.dedup === true }).catch((e: unknown) => {
      // Another writer may have added the same tag meanwhile; say it the import way.
      if (isShelfError(e) && e.code === 'ALREADY_EXISTS') throw new ShelfError('ALREADY_EXISTS', `Model '${tag}' already exists in ${paths.models}; delete it first or keep the one you have.`);
      throw e;
    });
    progress.finish();
    return version;
  } catch (error) {
    await removeStaging(paths, staging.dir).catch(() => {});
    throw importError(error, abs, paths, opts.signal);
  }
}

function importError(error: unknown, file: string, paths: StorePaths, signal?: AbortSignal): ShelfError {
  if (signal?.aborted) return new ShelfError('ABORTED', 'The import was cancelled; nothing was added to the store.', { cause: error });
  if (isShelfError(error)) {
    if (error.code === 'BROKEN_MODEL') return new ShelfError('BAD_ARCHIVE', `The model.yaml inside '${path.basename(file)}' is not valid: ${error.message}`, { cause: error });
    return error;
  }
  if (/^E[A-Z]+$/.test(errnoCode(error) ?? '')) return fsError(error, paths.home, 'write', paths.home);
  const detail = error instanceof Error ? error.message : String(error);
  return new ShelfError('BAD_ARCHIVE', `'${path.basename(file)}' is damaged or truncated (${detail}); nothing was imported. Export the model again.`, { cause: error });
}
