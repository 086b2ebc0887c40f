// Paths a person dropped or picked come through an untrusted window (design §3, §6): each one is
// re-checked on disk (exists, a regular file or a directory, readable) before anything reads or
// copies it, and anything else is refused with a sentence. inspectPath then says what a drop
// offers: its size, and whether it is an import (an archive, or a folder holding a model.yaml).
import { constants, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { InspectedItem } from '../../shared/ipc-contract.ts';
import { isArchiveFormat, lastExtension } from '../archive/index.ts';
import { dirSize } from '../read/index.ts';

export interface CheckedSource {
  readonly path: string;
  readonly kind: 'file' | 'directory';
  readonly stats: Stats;
}

/** What a dropped path offers: the IPC contract's InspectedItem, which the window receives as is. */
export type InspectedPath = InspectedItem;

export async function checkSourcePath(input: string): Promise<CheckedSource> {
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

export async function checkSourcePaths(inputs: readonly string[]): Promise<CheckedSource[]> {
  const checked: CheckedSource[] = [];
  for (const input of inputs) checked.push(await checkSourcePath(input));
  return checked;
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

// Only a file whose last extension names an archive kind is offered as an import (§7.1).
const isArchiveName = (file: string): boolean => isArchiveFormat(lastExtension(file));

export async function inspectPath(input: string): Promise<InspectedPath> {
  const checked = await checkSourcePath(input);
  const isDir = checked.kind === 'directory';
  return {
    path: checked.path,
    name: path.basename(checked.path),
    kind: checked.kind,
    size: isDir ? await dirSize(checked.path) : checked.stats.size,
    hasModelYaml: isDir && (await isRegularFile(path.join(checked.path, 'model.yaml'))),
    isArchive: !isDir && isArchiveName(checked.path),
  };
}
