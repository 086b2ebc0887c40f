import path from 'node:path';
import type { Readable } from 'node:stream';
import { ShelfError } from '../../shared/errors.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { DEFAULT_XZ_PRESET, packTar } from '../archive/archive-writers.ts';
import { xzCompressor } from '../archive/xz-streams.ts';
import { listMembers } from '../import/archive-members.ts';
import { fsError } from '../paths/fs-errors.ts';
import { readRegularFile, type RegularRead } from '../read/regular-file.ts';
import { humanSize } from '../../shared/human-size.ts';

const MAX_TEXT_BYTES = 0x1fffffe8;

/** What a version holds, as compared between shelves: its model.yaml bytes and its files with sizes. */
export interface VersionContent {
  readonly modelYaml: string;
  /** POSIX paths relative to the version dir (directories end in '/'), in archive order, with sizes. */
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

export interface BentomodelStream {
  /** The xz tar bytes, exactly what `model-shelf export` writes to a .bentomodel file. */
  readonly stream: Readable;
  /** Sum of the file sizes (for progress: the compressed size is not known in advance). */
  readonly fileBytes: number;
  readonly content: VersionContent;
}

/**
 * The version's model.yaml, read only when it is a regular file within the cap: a plain read of a
 * pipe put in its place waits for a writer for good, holding one of libuv's four threads (each
 * push or remote listing of that version took one more) - read/regular-file.ts.
 */
async function modelYamlText(version: ModelVersion): Promise<string> {
  const file = path.join(version.path, 'model.yaml');
  let read: RegularRead;
  try {
    // No cap beyond V8's longest string: a broken version's big model.yaml is still compared as before.
    read = await readRegularFile(file, MAX_TEXT_BYTES);
  } catch (e) {
    throw fsError(e, version.path, 'read');
  }
  if (read.kind === 'not-a-file') throw new ShelfError('BROKEN_MODEL', `The model.yaml of '${version.tag}' is not a regular file (a pipe, socket, device or folder), so the version cannot be sent or compared; replace ${file} with the version's model.yaml.`);
  if (read.kind === 'too-big') throw new ShelfError('BROKEN_MODEL', `The model.yaml of '${version.tag}' is ${humanSize(read.size)}, too big to be read as text, so the version cannot be sent or compared.`);
  return read.bytes.toString('utf8');
}

/**
 * A version as a .bentomodel byte stream, for an upload that must not go through a temporary
 * file. It uses the export's own pieces with the export's own settings (member prefix './',
 * DEFAULT_XZ_PRESET), so its bytes equal `model-shelf export`'s for the same files.
 */
export async function bentomodelStream(version: ModelVersion, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<BentomodelStream> {
  if (version.status !== 'ok') {
    throw new ShelfError('BROKEN_MODEL', `Model '${version.tag}' cannot be sent because it is ${version.status}: ${version.problem ?? 'its model.yaml is unreadable.'}`);
  }
  const modelYaml = await modelYamlText(version);
  const members = await listMembers(version.path).catch((e: unknown) => {
    throw fsError(e, version.path, 'read');
  });
  const tar = packTar(members, { prefix: './', onBytes: (n) => opts.onBytes?.(n), ...(opts.signal ? { signal: opts.signal } : {}) });
  const xz = xzCompressor(DEFAULT_XZ_PRESET);
  tar.on('error', (e: Error) => xz.destroy(e));
  const stream = tar.pipe(xz) as unknown as Readable;
  return { stream, fileBytes: members.reduce((s, m) => s + m.size, 0), content: contentOf(modelYaml, members) };
}

function contentOf(modelYaml: string, members: readonly { rel: string; kind: string; size: number }[]): VersionContent {
  return { modelYaml, files: members.filter((m) => m.rel !== '').map((m) => ({ path: m.kind === 'directory' ? `${m.rel}/` : m.rel, size: m.size })) };
}

/** The content of a local version without reading its files (for "already there" / "differs"). */
export async function versionContent(version: ModelVersion): Promise<VersionContent> {
  // model.yaml first: a pipe in its place is refused before listMembers reads anything.
  const modelYaml = await modelYamlText(version);
  const members = await listMembers(version.path).catch((e: unknown) => {
    throw fsError(e, version.path, 'read');
  });
  return contentOf(modelYaml, members);
}

/** True when two contents are the same version: same model.yaml bytes, same files and sizes. */
export function sameContent(a: VersionContent, b: VersionContent): boolean {
  if (a.modelYaml !== b.modelYaml || a.files.length !== b.files.length) return false;
  return a.files.every((f, i) => f.path === b.files[i]?.path && f.size === b.files[i]?.size);
}
