// Where a file of a version is, strictly inside the version folder: the window names a file by
// its '/'-separated path in the Files tab and is untrusted (design §6), so `..`, absolute paths
// and links that lead out of the version (compared by real path) are refused before anything is
// opened.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { errnoCode, fsError } from '../paths/fs-errors.ts';

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

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The real path of `relPath` inside `versionDir`; refused when it (or a link on the way) leads out. */
export async function realFileInside(versionDir: string, relPath: string): Promise<string> {
  const segments = pathSegments(relPath);
  let root: string;
  try {
    root = await fsp.realpath(versionDir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') throw new ShelfError('NOT_FOUND', `The version folder ${versionDir} is gone (deleted or moved meanwhile); reload to see the store as it is.`, { cause: error });
    throw fsError(error, versionDir, 'read');
  }
  let real: string;
  try {
    real = await fsp.realpath(path.join(root, ...segments));
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ShelfError('NOT_FOUND', `There is no file '${relPath}' in this version (it may have been removed); reload to see its files now.`, { cause: error });
    if (code === 'ELOOP') throw new ShelfError('UNSAFE_PATH', `'${relPath}' is a link that leads nowhere (a loop of links), so it cannot be previewed.`, { cause: error });
    throw fsError(error, relPath, 'read');
  }
  if (!isInside(root, real)) throw new ShelfError('UNSAFE_PATH', `'${relPath}' leads outside the version folder (to ${real}), so it is not previewed.`);
  return real;
}
