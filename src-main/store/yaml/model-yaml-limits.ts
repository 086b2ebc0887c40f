import fs, { promises as fsp } from 'node:fs';
import { ShelfError } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { Labels, Metadata } from '../../shared/model-types.ts';
import { bentomlListCost, MAX_MODEL_YAML_BYTES, MAX_MODEL_YAML_TEXT } from '../../shared/model-yaml-cap.ts';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { newModelInfo, serializeModelYaml, type ModelInfo } from './model-yaml.ts';

// Every model.yaml that enters the store passes one of these checks (the cap and why:
// shared/model-yaml-cap.ts, docs/benchmarks.md): a create's labels and metadata at begin and its
// exact bytes at commit, an archive's member header before its bytes are written, a folder's
// file by its size before it is read. A scan never reads a file over the cap (readCappedSync).

const whyCap = (bytes: number): string =>
  `\`bentoml models list\` would spend ${bentomlListCost(bytes)} on it each time anyone lists the store`;

/** The serialized model.yaml of a create, refused (INVALID_METADATA) when it is over the cap. */
export function modelYamlWithinCap(info: ModelInfo): string {
  const text = serializeModelYaml(info);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_MODEL_YAML_BYTES) {
    throw new ShelfError(
      'INVALID_METADATA',
      `The labels and metadata make model.yaml ${humanSize(bytes)}, over Model Shelf's cap of ${MAX_MODEL_YAML_TEXT} (${whyCap(bytes)}), so nothing was saved; keep large data in a file of the model instead.`,
      { details: { bytes, cap: MAX_MODEL_YAML_BYTES } },
    );
  }
  return text;
}

export interface NewValues {
  readonly labels?: Labels;
  readonly metadata?: Metadata;
  readonly module?: string;
  readonly apiVersion?: string;
  readonly signatures?: Record<string, unknown>;
  readonly options?: Record<string, unknown>;
}

/** At the start of a create, before any file is copied: the model.yaml these values make fits. */
export function assertCreateFits(name: string, version: string, input: NewValues): void {
  modelYamlWithinCap(
    newModelInfo({
      name,
      version,
      labels: input.labels ?? {},
      metadata: input.metadata ?? {},
      module: input.module ?? '',
      apiVersion: input.apiVersion ?? 'v1',
      signatures: input.signatures ?? {},
      options: input.options ?? {},
    }),
  );
}

/** An imported model.yaml of `bytes` (`source`: the archive's or folder's name) is refused over the cap. */
export function assertImportedYamlFits(bytes: number, source: string): void {
  if (bytes <= MAX_MODEL_YAML_BYTES) return;
  throw new ShelfError(
    'BAD_ARCHIVE',
    `The model.yaml in '${source}' is ${humanSize(bytes)}, over Model Shelf's cap of ${MAX_MODEL_YAML_TEXT} (${whyCap(bytes)}), so nothing was imported.`,
    { details: { bytes, cap: MAX_MODEL_YAML_BYTES } },
  );
}

/** A folder's model.yaml, judged by its size before anything reads it; a missing file is left to the caller. */
export async function refuseOversizedYamlFile(file: string, source: string): Promise<void> {
  const stat = await fsp.stat(file).catch(() => null);
  if (stat?.isFile()) assertImportedYamlFits(stat.size, source);
}

/** The bytes of a model.yaml, `{ oversized }` with its size when it is over the cap (then it is not read), or the errno error. */
export type CappedRead = Buffer | { readonly oversized: number } | NodeJS.ErrnoException;

export function isOversized(read: CappedRead): read is { readonly oversized: number } {
  return !(read instanceof Error) && !Buffer.isBuffer(read);
}

// Opening a pipe for reading blocks until a writer comes (the sync scan froze main for good): a
// pipe called model.yaml opens at once this way and reads as empty. No effect on a regular file.
const READ_FLAGS = NONBLOCK_READ;

/**
 * readFileSync's own syscalls (open, fstat, read, close), with the size looked at before the
 * read: a 50 MB model.yaml costs the scan one fstat, not 50 MB of reading and parsing.
 */
export function readCappedSync(file: string): CappedRead {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, READ_FLAGS);
    const stat = fs.fstatSync(fd);
    const size = stat.size;
    // Not a file (a folder called model.yaml): the read below fails with the errno to report.
    if (stat.isFile() && size > MAX_MODEL_YAML_BYTES) return { oversized: size };
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, buf, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The same with the promise API (parallel reads on a cold or network disk). */
export async function readCapped(file: string): Promise<CappedRead> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, READ_FLAGS);
    const stat = await handle.stat();
    const size = stat.size;
    if (stat.isFile() && size > MAX_MODEL_YAML_BYTES) return { oversized: size };
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(buf, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buf.subarray(0, done);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  } finally {
    await handle?.close();
  }
}

/** The version's reason text for a model.yaml over the cap (list, the window, repair). */
export function oversizedYamlReason(bytes: number): string {
  return `model.yaml is ${humanSize(bytes)}, over the ${MAX_MODEL_YAML_TEXT} Model Shelf reads: \`bentoml models list\` spends ${bentomlListCost(bytes)} on it each time anyone lists this store, so every BentoML user of the store waits.`;
}

/**
 * A model.yaml's text for readers that parse it (latest rules, trash restore, the detail view):
 * one over the cap is never read whole; it throws like an unreadable file, and the caller
 * treats the version as broken, as list and the window already show it.
 */
export async function readModelYamlText(file: string): Promise<string> {
  const read = await readCapped(file);
  if (read instanceof Error) throw read;
  if (isOversized(read)) throw new ShelfError('BROKEN_MODEL', oversizedYamlReason(read.oversized));
  return read.toString('utf8');
}
