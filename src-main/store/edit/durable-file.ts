import { promises as fsp } from 'node:fs';
import { errnoCode } from '../paths/fs-errors.ts';

// The two halves of a durable replace: a file that is on the disk before anyone renames it, and
// a directory whose new entry is on the disk after the rename (otherwise a power cut can bring
// back the old name, or an empty file under the new one).

/** Writes `data` to a new file (`wx`: never through an existing one) and fsyncs it. */
export async function writeNewFileSynced(file: string, data: string | Buffer, mode = 0o644): Promise<void> {
  const handle = await fsp.open(file, 'wx', mode);
  try {
    await handle.writeFile(data);
    // The umask may have narrowed the mode; the new model.yaml keeps the old one's.
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs a directory; best effort where directories cannot be opened (Windows). */
export async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}
