import fs from 'node:fs';
import path from 'node:path';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { compareCreationTime } from '../yaml/creation-time.ts';
import { latestTempName, reclaimDeadLatestTemps } from './latest-temps.ts';
import { isDirectorySyncStrict } from '../paths/fs-probe.ts';
import { readRegularFileSync } from '../read/regular-file.ts';

const POINTER_READ_LIMIT = 64 * 1024;

export type LatestState = 'ok' | 'missing' | 'empty' | 'stale' | 'not-file' | 'newline';

export interface LatestRead {
  readonly state: LatestState;
  /** The version it points at, for 'ok' and 'newline' (trimmed); null otherwise. */
  readonly version: string | null;
  /** The trimmed file content when there was a file to read ('' when empty). */
  readonly content?: string;
}

function classify(nameDir: string, raw: string, isDir: (p: string) => boolean): LatestRead {
  const content = raw.trim();
  if (content === '') return { state: 'empty', version: null, content };
  if (!isValidTagComponent(content) || content === 'latest' || !isDir(path.join(nameDir, content))) {
    return { state: 'stale', version: null, content };
  }
  return { state: raw === content ? 'ok' : 'newline', version: content, content };
}

/**
 * Reads `models/<name>/latest` tolerantly (§2.2): trimmed like BentoML ≥1.4.20. A symlink or a
 * directory is 'not-file'; an empty file or one naming no version directory needs a recompute.
 */
export function readLatest(nameDir: string): Promise<LatestRead> {
  // The synchronous reader does the work (three small syscalls); the executor turns anything it
  // throws into a rejection, as an async function would.
  return new Promise((resolve) => resolve(readLatestSync(nameDir)));
}

/** readLatest with synchronous calls (three small syscalls; used by the scan's batches). */
export function readLatestSync(nameDir: string): LatestRead {
  const file = path.join(nameDir, 'latest');
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return { state: 'missing', version: null };
  if (!stat.isFile()) return { state: 'not-file', version: null };
  let raw: string;
  try {
    // Not readFileSync: a pipe put there since the lstat would freeze the thread until a writer came.
    const read = readRegularFileSync(file, POINTER_READ_LIMIT);
    if (read.kind === 'not-a-file') return { state: 'not-file', version: null };
    // Far longer than any version name with spaces around it: it names none.
    if (read.kind === 'too-big') return { state: 'stale', version: null };
    raw = read.bytes.toString('utf8');
  } catch {
    return { state: 'missing', version: null };
  }
  return classify(nameDir, raw, isDirectorySyncStrict);
}

/** Writes the bare version (no newline) atomically: a temp file next to it, then rename (§9.3). */
export async function writeLatest(nameDir: string, version: string): Promise<void> {
  // A *file* starting with '.': BentoML ignores files in the name directory (§2.1). It names its
  // owner, so the next writer here removes one a crash left (latest-temps.ts).
  await reclaimDeadLatestTemps(nameDir);
  const temp = path.join(nameDir, latestTempName());
  try {
    await fs.promises.writeFile(temp, version, { encoding: 'ascii', flag: 'wx' });
    await fs.promises.rename(temp, path.join(nameDir, 'latest'));
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

export interface VersionTime {
  readonly version: string;
  readonly creationTime: string;
}

/**
 * The version with the greatest creation_time (§2.2). Ties: `tie: 'last'` (default) takes the last in
 * lexicographic order like Store.delete; 'first' takes the first like `_recreate_latest` (get).
 */
export function pickLatest(versions: readonly VersionTime[], tie: 'first' | 'last' = 'last'): string | null {
  const sorted = [...versions].sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  let best: VersionTime | null = null;
  for (const v of sorted) {
    if (best === null) best = v;
    else {
      const c = compareCreationTime(v.creationTime, best.creationTime);
      if (c > 0 || (c === 0 && tie === 'last')) best = v;
    }
  }
  return best?.version ?? null;
}
