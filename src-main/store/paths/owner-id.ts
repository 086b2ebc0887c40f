import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { isProcessAlive } from './store-lock.ts';

// Every temporary thing Model Shelf makes while it works (staging dirs, export partials, the
// folder of a cross-disk delete, `latest` and trash temp files) carries its owner in its name,
// as a stamp `<host>-<pid>-<random>`. A crash leaves it behind, and whoever uses that place next
// (or `repair`) can tell a dead owner's leftover from a live one's work without any side file.
// A pid means something only on its own machine (a home on a network disk is shared), so
// another machine's leftovers are judged by age alone.

export interface Owner {
  /** The owner's host as written in the name ('' for names without one, from older versions). */
  readonly host: string;
  readonly pid: number;
}

/** Another machine's (or an ownerless) leftover is only judged abandoned after this long untouched. */
export const FOREIGN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** This machine's name as it appears in stamps ('-' is the separator, so it is replaced). */
export function ownerHost(): string {
  return hostname().replace(/[^A-Za-z0-9.]/g, '_') || 'host';
}

/** A fresh stamp of this process: `<host>-<pid>-<random hex>`. */
export function newStamp(): string {
  return `${ownerHost()}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

// The host is optional: staging ids of older versions were `<kind>-<pid>-<hex>`.
const STAMP_RE = /^(?:([A-Za-z0-9._]+)-)?(\d+)-([0-9a-f]+)$/;

/** The owner named by a stamp, or null when `text` is not one. */
export function parseStamp(text: string): Owner | null {
  const match = STAMP_RE.exec(text);
  return match ? { host: match[1] ?? '', pid: Number(match[2]) } : null;
}

/** An owner on this machine whose process is gone (never this process). */
export function isDeadHere(owner: Owner | null): boolean {
  return owner !== null && owner.host === ownerHost() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
}

/**
 * `repair`'s rule: this machine's leftover whose process is gone, or one of another machine
 * (or without an owner) untouched for FOREIGN_MAX_AGE_MS. The next user of a place reclaims only
 * the first kind (isDeadHere): only a dead owner is certain.
 */
export function isAbandoned(owner: Owner | null, mtimeMs: number, now = Date.now()): boolean {
  if (owner !== null && owner.host === ownerHost()) return isDeadHere(owner);
  return now - mtimeMs > FOREIGN_MAX_AGE_MS;
}

/** Who a leftover belongs to, in words, for repair's report. */
export function describeOwner(owner: Owner | null): string {
  if (owner === null || owner.host === '') return 'a Model Shelf process of an unknown machine, untouched for more than a day';
  if (owner.host === ownerHost()) return `a Model Shelf process (pid ${owner.pid}) that is no longer running`;
  return `Model Shelf on machine '${owner.host}', untouched for more than a day`;
}

export interface OwnedEntry {
  readonly path: string;
  readonly owner: Owner | null;
  readonly mtimeMs: number;
}

/**
 * The entries of `dir` named `<prefix><owner stamp>` (or `<prefix><legacy tail>` from versions
 * before owner stamps, then with no owner) that are of `kind`: one listing for every leftover.
 */
export async function listOwned(dir: string, prefix: string, legacy: RegExp, kind: 'file' | 'directory'): Promise<OwnedEntry[]> {
  const out: OwnedEntry[] = [];
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const owner = parseStamp(rest);
    if (owner === null && !legacy.test(rest)) continue;
    const full = path.join(dir, name);
    const stat = await fsp.lstat(full).catch(() => null);
    if (stat !== null && (kind === 'file' ? stat.isFile() : stat.isDirectory())) out.push({ path: full, owner, mtimeMs: stat.mtimeMs });
  }
  return out;
}
