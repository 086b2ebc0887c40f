// Where a file of a version is, strictly inside the version folder: the window names a file by
// its '/'-separated path in the Files tab and is untrusted (design §6), so `..`, absolute paths
// and links that lead out of the version (compared by real path) are refused before anything is
// opened. A name that is not UTF-8 reaches the window with U+FFFD in it (Node decodes names
// lossily), so such a segment is matched against the folder's raw names; the path is then bytes.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { errnoCode, fsError } from '../paths/fs-errors.ts';

/** A path on disk: a string, or bytes when a name on the way is not UTF-8. */
export type DiskPath = string | Buffer;

/** The path's segments, or a refusal when it is not a plain relative path. */
export function pathSegments(relPath: string): string[] {
  const segments = relPath.split('/');
  const plain =
    relPath.length > 0 &&
    !relPath.includes('\0') &&
    !path.isAbsolute(relPath) &&
    !path.win32.isAbsolute(relPath) &&
    segments.every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\'));
  if (!plain) throw new ShelfError('UNSAFE_PATH', `'${relPath}' is not a path inside the version; pick a file from its Files tab.`);
  return segments;
}

// Compared as bytes (latin1 keeps one character per byte), so raw names compare like any other.
const bytesOf = (p: DiskPath): string => (typeof p === 'string' ? Buffer.from(p) : p).toString('latin1');

function isInside(root: DiskPath, target: DiskPath): boolean {
  const rel = path.relative(bytesOf(root), bytesOf(target));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const missing = (relPath: string, cause?: unknown): ShelfError =>
  new ShelfError('NOT_FOUND', `There is no file '${relPath}' in this version (it may have been removed); reload to see its files now.`, cause === undefined ? {} : { cause });

/**
 * `segments` under `root` with each segment holding U+FFFD replaced by the one raw name in its
 * folder that reads as it; null when a folder has none.
 */
async function rawNamePath(root: string, segments: readonly string[], relPath: string): Promise<Buffer | null> {
  let at: Buffer = Buffer.from(root);
  for (const segment of segments) {
    let name: Buffer = Buffer.from(segment);
    if (segment.includes('\uFFFD')) {
      const names = await fsp.readdir(at, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
      const same = names.filter((n) => n.toString('utf8') === segment);
      if (same.length > 1) throw new ShelfError('NOT_FOUND', `Several files in this version are named '${relPath}' once their names are read as UTF-8, so the preview cannot tell which one is meant; open the version folder to see them.`);
      const [only] = same;
      if (only === undefined) return null;
      name = only;
    }
    at = Buffer.concat([at, Buffer.from(path.sep), name]);
  }
  return at;
}

async function realpathOf(p: DiskPath): Promise<DiskPath> {
  return typeof p === 'string' ? fsp.realpath(p) : fsp.realpath(p, { encoding: 'buffer' });
}

/** The real path of `relPath` inside `versionDir`; refused when it (or a link on the way) leads out. */
export async function realFileInside(versionDir: string, relPath: string): Promise<DiskPath> {
  const segments = pathSegments(relPath);
  let root: string;
  try {
    root = await fsp.realpath(versionDir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') throw new ShelfError('NOT_FOUND', `The version folder ${versionDir} is gone (deleted or moved meanwhile); reload to see the store as it is.`, { cause: error });
    throw fsError(error, versionDir, 'read');
  }
  let real: DiskPath;
  try {
    try {
      real = await realpathOf(path.join(root, ...segments));
    } catch (error) {
      // Only a name the window could not have spelled (not UTF-8) is looked up by its bytes.
      if (errnoCode(error) !== 'ENOENT' || !relPath.includes('\uFFFD')) throw error;
      const raw = await rawNamePath(root, segments, relPath);
      if (raw === null) throw error;
      real = await realpathOf(raw);
    }
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw missing(relPath, error);
    if (code === 'ELOOP') throw new ShelfError('UNSAFE_PATH', `'${relPath}' is a link that leads nowhere (a loop of links), so it cannot be previewed.`, { cause: error });
    throw fsError(error, relPath, 'read');
  }
  if (!isInside(root, real)) throw new ShelfError('UNSAFE_PATH', `'${relPath}' leads outside the version folder (to ${real.toString()}), so it is not previewed.`);
  return real;
}
