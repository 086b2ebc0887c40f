import type { Dirent } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FileNode } from '../../shared/model-types.ts';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The files of a version for the detail view: directories first, then by name. Sizes follow
 * BentoML's rule (§8.1): a symlink counts its target file's size, symlinked directories are not
 * entered, a directory's size is the sum of what it holds.
 */
export async function fileTree(versionDir: string): Promise<FileNode[]> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(versionDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nodes = await Promise.all(entries.map((e) => node(path.join(versionDir, e.name), e)));
  return nodes.sort((a, b) => (a.kind === 'directory') === (b.kind === 'directory') ? collator.compare(a.name, b.name) : a.kind === 'directory' ? -1 : 1);
}

async function node(full: string, entry: Dirent): Promise<FileNode> {
  if (entry.isDirectory()) {
    const children = await fileTree(full);
    return { name: entry.name, kind: 'directory', size: children.reduce((sum, c) => sum + c.size, 0), children };
  }
  const stat = await fsp.stat(full).catch(() => null); // follows symlinks
  const size = stat?.isFile() ? stat.size : 0;
  return { name: entry.name, kind: entry.isSymbolicLink() ? 'symlink' : 'file', size };
}
