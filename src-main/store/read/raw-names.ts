// Walking folders whose names may not be UTF-8. Node decodes a name it reads as UTF-8 with U+FFFD
// for every invalid byte, so a path joined from such a name leads nowhere: a folder named that
// way listed no children and counted 0 bytes. A name holding U+FFFD is therefore re-read as
// bytes, and from there on the path is a Buffer; the name shown stays the decoded string, the
// same one the preview room (preview/version-file-path.ts) matches back against the raw names.
import type { Dirent } from 'node:fs';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** A path on disk: a string, or bytes once a name on the way is not UTF-8. */
export type DiskPath = string | Buffer;

/** One folder entry: the name as shown (decoded, U+FFFD for bad bytes) and the path to read it by. */
export interface RawEntry {
  readonly name: string;
  readonly path: DiskPath;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
  readonly isSymbolicLink: boolean;
}

const SEP = Buffer.from(path.sep);

/**
 * `dir` + separator + `name`, kept as bytes when either is bytes. No path.join (it runs for every
 * file of every version): `dir` is already normalized, as path.join or this function gave it.
 */
export function joinRaw(dir: DiskPath, name: DiskPath): DiskPath {
  if (typeof dir === 'string' && typeof name === 'string') return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
  const d = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const n = typeof name === 'string' ? Buffer.from(name) : name;
  return d.at(-1) === SEP[0] ? Buffer.concat([d, n]) : Buffer.concat([d, SEP, n]);
}

/** A path for messages and JSON (bad bytes shown as U+FFFD). */
export const shownPath = (p: DiskPath): string => (typeof p === 'string' ? p : p.toString('utf8'));

const hasLossyName = (entries: readonly Dirent[]): boolean => entries.some((e) => e.name.includes('\uFFFD'));

function entryOf(dir: DiskPath, e: Dirent | Dirent<Buffer>): RawEntry {
  return {
    name: typeof e.name === 'string' ? e.name : e.name.toString('utf8'),
    path: joinRaw(dir, e.name),
    isDirectory: e.isDirectory(),
    isFile: e.isFile(),
    isSymbolicLink: e.isSymbolicLink(),
  };
}

/**
 * The entries of `dir`, each with a path that reads it. Names are read as strings (the common,
 * cheaper case); only a folder where one decodes lossily is listed again as bytes.
 */
export async function readEntries(dir: DiskPath): Promise<RawEntry[]> {
  if (typeof dir === 'string') {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    if (!hasLossyName(entries)) return entries.map((e) => entryOf(dir, e));
  }
  const raw = await fsp.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  return raw.map((e) => entryOf(dir, e));
}

/** readEntries with synchronous calls (the listing's size walk runs on every file of every version). */
export function readEntriesSync(dir: DiskPath): RawEntry[] {
  if (typeof dir === 'string') {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (!hasLossyName(entries)) return entries.map((e) => entryOf(dir, e));
  }
  return fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((e) => entryOf(dir, e));
}

/** The names of `dir` with their paths, as readdir(dir) gives names (no types). */
export function readNamesSync(dir: DiskPath): { readonly name: string; readonly path: DiskPath }[] {
  if (typeof dir === 'string') {
    const names = fs.readdirSync(dir);
    if (!names.some((n) => n.includes('\uFFFD'))) return names.map((n) => ({ name: n, path: joinRaw(dir, n) }));
  }
  return fs.readdirSync(dir, { encoding: 'buffer' }).map((n) => ({ name: n.toString('utf8'), path: joinRaw(dir, n) }));
}
