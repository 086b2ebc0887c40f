import fsp from 'node:fs/promises';
import type { FileNode } from '../../shared/model-types.ts';
import { readEntries, type DiskPath, type RawEntry } from './raw-names.ts';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The files of a version for the detail view: directories first, then by name. Sizes follow
 * BentoML's rule (§8.1): a symlink counts its target file's size, symlinked directories are not
 * entered, a directory's size is the sum of what it holds. A name that is not UTF-8 is shown
 * decoded (U+FFFD for its bad bytes, as the preview looks it up) but walked by its bytes.
 */
export async function fileTree(versionDir: DiskPath): Promise<FileNode[]> {
  let entries: RawEntry[];
  try {
    entries = await readEntries(versionDir);
  } catch {
    return [];
  }
  const nodes = await Promise.all(entries.map((e) => node(e)));
  return nodes.sort((a, b) => (a.kind === 'directory') === (b.kind === 'directory') ? collator.compare(a.name, b.name) : a.kind === 'directory' ? -1 : 1);
}

async function node(entry: RawEntry): Promise<FileNode> {
  if (entry.isDirectory) {
    const children = await fileTree(entry.path);
    return { name: entry.name, kind: 'directory', size: children.reduce((sum, c) => sum + c.size, 0), children };
  }
  const stat = await fsp.stat(entry.path).catch(() => null); // follows symlinks
  const size = stat?.isFile() ? stat.size : 0;
  return { name: entry.name, kind: entry.isSymbolicLink ? 'symlink' : 'file', size };
}
