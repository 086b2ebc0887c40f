import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

// The one set of "what is at this path?" probes. Each follows symbolic links, as BentoML's
// Path.is_dir() and Path.exists() do (a version folder may be a link), except `lexists`, and
// each answers false for anything that cannot be looked at (missing, EACCES, ENOTDIR,
// ENAMETOOLONG, a NUL byte) instead of throwing: a probe asks, it never fails a listing.

/** A folder, or a link to one. */
export async function isDirectory(p: string): Promise<boolean> {
  return fsp.stat(p).then((s) => s.isDirectory(), () => false);
}

/** `isDirectory` with one synchronous stat (the watcher's and the pointer checks' hot paths). */
export function isDirectorySync(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Anything there, following links (`Path.exists()`): a dangling link is not there. */
export function existsSync(p: string): boolean {
  return fs.existsSync(p);
}

/** Anything by that name, the name itself (lstat): a dangling link is there. */
export async function lexists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(() => true, () => false);
}

/** A directory entry that is a folder or a link to one (readdir's Dirent does not follow links). */
export async function isDirectoryEntry(dir: string, entry: fs.Dirent): Promise<boolean> {
  return entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(path.join(dir, entry.name))));
}

/**
 * `isDirectoryEntry` for the synchronous scans, with the strictness of Python's Path.is_dir()
 * that BentoML's listing has: a link whose target is missing is no folder, but any other error
 * (EACCES, ELOOP) is thrown for the caller to report rather than silently hiding a version.
 */
export function isDirectoryEntrySyncStrict(dir: string, entry: fs.Dirent): boolean {
  return entry.isDirectory() || (entry.isSymbolicLink() && isDirectorySyncStrict(path.join(dir, entry.name)));
}

/** A folder or a link to one; missing is false, other errors are thrown (see above). */
export function isDirectorySyncStrict(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
