import { promises as fsp } from 'node:fs';
import path from 'node:path';

// The files of a version folder as a manifest sees them: every regular file at any depth, by its
// '/'-separated path relative to the version. Symbolic links are listed with their target
// (never followed: a link out of the version is not the version's content); folders only
// through their files, so an empty folder is not part of a manifest.

export interface WalkedFile {
  readonly path: string;
  readonly abs: string;
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

export async function walkFiles(dir: string, rel = ''): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  const entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const abs = path.join(dir, ...relPath.split('/'));
    if (entry.isDirectory()) {
      out.push(...(await walkFiles(dir, relPath)));
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const st = await fsp.lstat(abs).catch(() => null);
    if (st === null) continue;
    const base = { path: relPath, abs, size: st.size, dev: st.dev, ino: st.ino, mode: st.mode, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, nlink: st.nlink };
    if (st.isSymbolicLink()) out.push({ ...base, kind: 'link', target: await fsp.readlink(abs) });
    else if (st.isFile()) out.push({ ...base, kind: 'file' });
  }
  return out;
}
