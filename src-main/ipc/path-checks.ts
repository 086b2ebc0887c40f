// Paths the renderer sends come from a drop or a picker, but the renderer is untrusted (design §3,
// §6): main re-checks each one (exists, a regular file or a directory, readable) before anything
// reads or copies it, and refuses anything else with a sentence.
import { constants, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../shared/errors.ts';

export interface CheckedPath {
  readonly path: string;
  readonly kind: 'file' | 'directory';
  readonly stats: Stats;
}

export async function checkDroppedPath(input: string): Promise<CheckedPath> {
  const resolved = path.resolve(input);
  let stats: Stats;
  try {
    stats = await fsp.stat(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ShelfError('PERMISSION', `Model Shelf may not read ${resolved}. Check its permissions and try again.`);
    }
    throw new ShelfError('NOT_FOUND', `${resolved} no longer exists. Drop or pick it again.`);
  }
  if (!stats.isFile() && !stats.isDirectory()) {
    throw new ShelfError('UNSAFE_PATH', `${resolved} is not a regular file or folder, so it cannot be added. Choose files or folders only.`);
  }
  try {
    await fsp.access(resolved, stats.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch {
    throw new ShelfError('PERMISSION', `Model Shelf may not read ${resolved}. Check its permissions and try again.`);
  }
  return { path: resolved, kind: stats.isDirectory() ? 'directory' : 'file', stats };
}

export async function checkDroppedPaths(inputs: readonly string[]): Promise<CheckedPath[]> {
  const checked: CheckedPath[] = [];
  for (const input of inputs) checked.push(await checkDroppedPath(input));
  return checked;
}
