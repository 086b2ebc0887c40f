import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ShelfError, isShelfError } from '../../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../../shared/model-types.ts';
import { exportTarget } from './archive-format.ts';
import type { ArchiveFormat } from './archive-format.ts';
import { listMembers } from '../import/archive-members.ts';
import { packTar, packZip, tarCompressor } from './archive-writers.ts';
import type { MemberPrefix } from './archive-writers.ts';
import { beginPartial } from './export-partials.ts';
import { fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { sourceGuard } from '../paths/source-guard.ts';
import { progressThrottle } from './archive-progress.ts';
import { isDirectory } from '../paths/fs-probe.ts';

export interface ExportOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Overrides the format guessed from `out` (§7.1). */
  readonly format?: ArchiveFormat;
  /** Tar member style: './' (BentoML ≥1.4.20, default) or '' (≤1.4.19). Zip never has a prefix. */
  readonly prefix?: MemberPrefix;
  readonly xzPreset?: number;
  /** Progress id; a random `export-…` id when absent. */
  readonly id?: string;
  /** Base for a relative `out` (BentoML mis-resolves relative paths, §7.4; we use the cwd). */
  readonly cwd?: string;
}

/**
 * Writes `version` as an archive (format spec §7.1, named per §7.2) and returns the file path.
 * Unlike BentoML the file appears atomically: it is written next to the destination under a
 * hidden temporary name and renamed when complete, so a failed or cancelled export leaves nothing.
 */
export async function exportModel(paths: StorePaths, version: ModelVersion, out: string, opts: ExportOptions = {}): Promise<string> {
  if (version.status !== 'ok') {
    throw new ShelfError('BROKEN_MODEL', `Model '${version.tag}' cannot be exported because it is ${version.status}: ${version.problem ?? 'its model.yaml is unreadable.'}`);
  }
  const cwd = opts.cwd ?? process.cwd();
  const absOut = out === '' ? cwd : path.resolve(cwd, out);
  const target = exportTarget(out, version.name, version.version, {
    ...(opts.format ? { format: opts.format } : {}),
    isDirectory: await isDirectory(absOut),
    cwd,
  });
  const dir = path.dirname(target.file);
  if (!(await isDirectory(dir))) {
    throw new ShelfError('NOT_FOUND', `The folder '${dir}' does not exist. Create it first or choose another place to export to.`);
  }
  // An export is a write: never into the store's own folders (a file in a version changes that
  // model; a file in models/ or .model-shelf/ is ours to keep out, issue 8 item 1's class).
  const place = await (await sourceGuard(paths)).placeOf(dir);
  if (place !== undefined) {
    throw new ShelfError('INVALID_ARGUMENT', `'${dir}' is inside this store's ${place.label} (${place.real}); an export there would change the store, so nothing was written: choose a folder outside the store.`);
  }
  const members = await listMembers(version.path).catch((e: unknown) => {
    throw fsError(e, version.path, 'read');
  });
  const total = members.reduce((sum, m) => sum + m.size, 0);
  const id = opts.id ?? `export-${randomBytes(6).toString('hex')}`;
  const progress = progressThrottle(id, 'compressing', total, opts.onProgress);
  // Named for its owner (export-partials.ts): the next export here reclaims it if we are killed.
  const { temp, done } = await beginPartial(paths.home, target.file);
  const packOpts = { prefix: opts.prefix ?? './', onBytes: progress.add, ...(opts.signal ? { signal: opts.signal } : {}) } as const;
  try {
    const source: Readable = target.format === 'zip' ? packZip(members, packOpts) : packTar(members, packOpts);
    const compressor = target.format === 'zip' ? null : tarCompressor(target.format, opts.xzPreset);
    const sink = createWriteStream(temp, { flags: 'wx' });
    const signalOpt = opts.signal ? { signal: opts.signal } : {};
    await (compressor ? pipeline(source, compressor, sink, signalOpt) : pipeline(source, sink, signalOpt));
    const fh = await fsp.open(temp, 'r+');
    await fh.sync().finally(() => fh.close());
    await fsp.rename(temp, target.file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    if (opts.signal?.aborted) throw new ShelfError('ABORTED', 'The export was cancelled; no archive was written.', { cause: error });
    if (isShelfError(error)) throw error;
    if (error instanceof Error && /size mismatch/i.test(error.message)) {
      throw new ShelfError('BUSY', `A file of '${version.tag}' changed while it was being exported. Wait until nothing writes to the model and export again.`, { cause: error });
    }
    throw fsError(error, target.file, 'write');
  } finally {
    await done();
  }
  progress.finish();
  return target.file;
}
