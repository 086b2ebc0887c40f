import type { ModelVersion, ProgressEvent } from '../../shared/model-types.ts';
import type { StorePaths } from '../paths/home.ts';
import { scanStore } from '../read/scan.ts';
import { hashFile, mapLimit } from '../integrity/hash-file.ts';
import { HASH_PARALLEL } from '../integrity/record-manifest.ts';
import { walkFiles, type WalkedFile } from '../integrity/walk-files.ts';
import { abortedError } from '../paths/fs-errors.ts';
import type { DiskPath } from '../read/raw-names.ts';

// Finding identical files across versions (issue 11 §3) reads as little as it can: files are
// grouped by filesystem and size first (a stat each), paths that already share an inode count
// once, and only an inode whose size another inode on the same filesystem also has is hashed.
// So a store of unique sizes costs no hashing at all, and `hashedBytes` says what was read.
// A version's model.yaml is never linked (it names its own version, and edits replace it),
// nor are empty files, symbolic links, or versions still being written (no model.yaml yet).

export interface FileRef {
  readonly tag: string;
  /** '/'-separated, relative to the version folder. */
  readonly path: string;
}

/** A file as found, with what must still hold when it is replaced. */
export interface FoundFile extends FileRef {
  readonly name: string;
  /** The version folder. */
  readonly dir: string;
  /** Bytes when a name on the way is not UTF-8 (integrity/walk-files.ts). */
  readonly abs: DiskPath;
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly nlink: number;
}

export interface DuplicateGroup {
  readonly sha256: string;
  readonly size: number;
  /** The file the others become links of (the one already shared most, else the first by tag). */
  readonly keep: FoundFile;
  readonly replace: readonly FoundFile[];
  /** Bytes freed when every copy is replaced (a copy with links outside the versions frees nothing). */
  readonly frees: number;
}

export interface DedupPlan {
  readonly groups: readonly DuplicateGroup[];
  /** Files that would be replaced by links. */
  readonly files: number;
  readonly frees: number;
  readonly scannedFiles: number;
  readonly hashedFiles: number;
  readonly hashedBytes: number;
  /** Known hashes of the files read, by tag then path (a manifest recorded after dedup reuses them). */
  readonly hashes: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface PlanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly id?: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function found(v: ModelVersion, f: WalkedFile): FoundFile {
  return { tag: v.tag, name: v.name, dir: v.path, path: f.path, abs: f.abs, dev: f.dev, ino: f.ino, size: f.size, mode: f.mode, mtimeMs: f.mtimeMs, nlink: f.nlink };
}

/** Every linkable file of every complete version, in tag then path order. */
async function collect(versions: readonly ModelVersion[], signal?: AbortSignal): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for (const v of [...versions].sort((a, b) => cmp(a.tag, b.tag))) {
    if (signal?.aborted) throw abortedError();
    if (v.status === 'incomplete') continue;
    const files = await walkFiles(v.path).catch(() => [] as WalkedFile[]);
    for (const f of files) if (f.kind === 'file' && f.size > 0 && f.path !== 'model.yaml') out.push(found(v, f));
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export async function planDedup(paths: StorePaths, opts: PlanOptions = {}): Promise<DedupPlan> {
  const id = opts.id ?? 'dedup';
  opts.onProgress?.({ id, phase: 'scanning', bytesDone: 0, bytesTotal: 0 });
  const { versions } = await scanStore(paths.home);
  const files = await collect(versions, opts.signal);
  // Inodes (a file already linked counts once), then the inodes whose size is not unique on their filesystem.
  const inodes = [...groupBy(files, (f) => `${f.dev}:${f.ino}`).values()];
  const bySize = groupBy(inodes, (paths_) => `${paths_[0]?.dev}:${paths_[0]?.size}`);
  const toHash = [...bySize.values()].filter((g) => g.length > 1).flat();
  const total = toHash.reduce((sum, g) => sum + (g[0]?.size ?? 0), 0);
  let done = 0;
  let last = 0;
  const onBytes = (n: number): void => {
    done += n;
    if (Date.now() - last < 100) return;
    last = Date.now();
    opts.onProgress?.({ id, phase: 'hashing', bytesDone: done, bytesTotal: total });
  };
  const sums = await mapLimit(toHash, HASH_PARALLEL, async (group) => {
    const first = group[0] as FoundFile;
    return (await hashFile(first.abs, { ...(opts.signal ? { signal: opts.signal } : {}), onBytes })).sha256;
  });
  const hashes = new Map<string, Map<string, string>>();
  const hashed = toHash.map((group, i) => ({ group, sha: sums[i] as string }));
  for (const { group, sha } of hashed) {
    for (const f of group) {
      const perTag = hashes.get(f.tag) ?? new Map<string, string>();
      perTag.set(f.path, sha);
      hashes.set(f.tag, perTag);
    }
  }
  const groups: DuplicateGroup[] = [];
  // Same bytes on the same filesystem; hard links also share the mode, so it must match too.
  for (const same of groupBy(hashed, ({ group, sha }) => `${group[0]?.dev}:${sha}:${(group[0]?.mode ?? 0) & 0o7777}`).values()) {
    if (same.length < 2) continue;
    const ordered = [...same].sort((a, b) => b.group.length - a.group.length);
    const keepInode = ordered[0]?.group as FoundFile[];
    const keep = keepInode[0] as FoundFile;
    const others = ordered.slice(1).map((o) => o.group);
    const replace = others.flat().sort((a, b) => cmp(a.tag, b.tag) || cmp(a.path, b.path));
    // An inode is freed only when every one of its links is replaced.
    const frees = others.reduce((sum, g) => sum + ((g[0]?.nlink ?? 0) === g.length ? (g[0]?.size ?? 0) : 0), 0);
    groups.push({ sha256: same[0]?.sha ?? '', size: keep.size, keep, replace, frees });
  }
  groups.sort((a, b) => b.frees - a.frees || cmp(a.keep.tag, b.keep.tag) || cmp(a.keep.path, b.keep.path));
  opts.onProgress?.({ id, phase: 'hashing', bytesDone: done, bytesTotal: total });
  return {
    groups,
    files: groups.reduce((n, g) => n + g.replace.length, 0),
    frees: groups.reduce((n, g) => n + g.frees, 0),
    scannedFiles: files.length,
    hashedFiles: toHash.length,
    hashedBytes: done,
    hashes,
  };
}
