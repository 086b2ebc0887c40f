import { promises as fsp } from 'node:fs';
import { readEntries, type DiskPath } from '../read/raw-names.ts';

// The files of a version folder as a manifest sees them: every regular file at any depth, by its
// '/'-separated path relative to the version. Symbolic links are listed with their target
// (never followed: a link out of the version is not the version's content); folders only
// through their files, so an empty folder is not part of a manifest. A name that is not UTF-8 is
// walked and read by its bytes (`abs` is then a Buffer) and recorded as shown (U+FFFD for the bad
// bytes, as the Files tab and the preview name it): before, such a file or folder was left out.

export interface WalkedFile {
  readonly path: string;
  readonly abs: DiskPath;
  readonly kind: 'file' | 'link';
  readonly size: number;
  readonly dev: number;
  readonly ino: number;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly nlink: number;
  /** For a link: where it points. */
  readonly target?: string;
}

export async function walkFiles(dir: string): Promise<WalkedFile[]> {
  return walkBelow(dir, '');
}

async function walkBelow(at: DiskPath, rel: string): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  const entries = await readEntries(at);
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const abs = entry.path;
    if (entry.isDirectory) {
      out.push(...(await walkBelow(abs, relPath)));
      continue;
    }
    if (!entry.isFile && !entry.isSymbolicLink) continue;
    const st = await fsp.lstat(abs).catch(() => null);
    if (st === null) continue;
    const base = { path: relPath, abs, size: st.size, dev: st.dev, ino: st.ino, mode: st.mode, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, nlink: st.nlink };
    if (st.isSymbolicLink()) out.push({ ...base, kind: 'link', target: await fsp.readlink(abs, 'utf8') });
    else if (st.isFile()) out.push({ ...base, kind: 'file' });
  }
  return out;
}
