import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { StorePaths } from '../paths/home.ts';
import { abortedError, fsError } from '../paths/fs-errors.ts';
import { hashFile, hashSmallSync, mapLimit, SMALL_HASH_MAX } from './hash-file.ts';
import { readManifest, removeManifest, writeManifest, type ManifestEntry } from './manifest-file.ts';
import { walkFiles, type WalkedFile } from './walk-files.ts';

export interface HashTreeOptions {
  readonly signal?: AbortSignal;
  readonly onBytes?: (n: number) => void;
  /** Hashes already known for some files (dedup hashed them), keyed by relative path. */
  readonly known?: ReadonlyMap<string, string>;
}

/** Files hashed at once: the hashing is one thread, the reads overlap in libuv's pool. */
export const HASH_PARALLEL = Math.max(2, Math.min(4, availableParallelism()));

/** A slice of synchronous small-file hashing lasts at most this long before the event loop gets a turn. */
const SLICE_MS = 20;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function hashWalked(files: readonly WalkedFile[], opts: HashTreeOptions = {}): Promise<ManifestEntry[]> {
  const out = new Map<string, ManifestEntry>();
  const big: WalkedFile[] = [];
  let sliceStart = performance.now();
  for (const f of files) {
    if (f.kind === 'link') out.set(f.path, { path: f.path, size: f.size, link: f.target ?? '' });
    else if (opts.known?.has(f.path)) out.set(f.path, { path: f.path, size: f.size, sha256: opts.known.get(f.path) ?? '' });
    else if (f.size > SMALL_HASH_MAX) big.push(f);
    else {
      if (opts.signal?.aborted) throw abortedError();
      const { size, sha256 } = hashSmallSync(f.abs);
      out.set(f.path, { path: f.path, size, sha256 });
      opts.onBytes?.(size);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
  }
  await mapLimit(big, HASH_PARALLEL, async (f) => {
    const { size, sha256 } = await hashFile(f.abs, opts);
    out.set(f.path, { path: f.path, size, sha256 });
  });
  return files.map((f) => out.get(f.path) as ManifestEntry);
}

/** Every file of a folder with its size and SHA-256, sorted by path. */
export async function hashTree(dir: string, opts: HashTreeOptions = {}): Promise<ManifestEntry[]> {
  return hashWalked(await walkFiles(dir), opts);
}

export { newManifest } from './manifest-write.ts';

/**
 * After an edit rewrote some files of a version (a label edit renames a new model.yaml over
 * the old one): their entries in the manifest are hashed again, so the manifest stays true.
 * Call it holding the name's lock, in the same step as the edit. No manifest, nothing to do.
 */
export async function refreshManifestEntries(paths: StorePaths, name: string, version: string, versionDir: string, rels: readonly string[]): Promise<void> {
  const manifest = await readManifest(paths, name, version);
  if (manifest === null) return;
  const files = [...manifest.files];
  for (const rel of rels) {
    const abs = `${versionDir}/${rel}`;
    const fresh = await hashFile(abs).catch((error: unknown) => Promise.reject(fsError(error, abs, 'read', paths.home)));
    const entry = { path: rel, size: fresh.size, sha256: fresh.sha256 };
    const at = files.findIndex((f) => f.path === rel);
    if (at >= 0) files[at] = entry;
    else files.push(entry);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await writeManifest(paths, name, version, { ...manifest, files });
}

/**
 * A rewrite of one file of a version (edit/: a new model.yaml renamed over the old one) with its
 * new bytes: its manifest entry follows, so verify does not report the edit as damage. Called
 * holding the name's lock, in the same step as the rename. When the manifest cannot be updated
 * it is dropped (the next verify records a new one, "not at save time"): a manifest that no
 * longer matches would report an edit as damage.
 */
export async function setManifestEntry(paths: StorePaths, name: string, version: string, rel: string, bytes: Buffer): Promise<void> {
  try {
    const manifest = await readManifest(paths, name, version);
    if (manifest === null) return;
    const entry = { path: rel, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    const files = [...manifest.files.filter((f) => f.path !== rel), entry].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await writeManifest(paths, name, version, { ...manifest, files });
  } catch {
    await removeManifest(paths, name, version).catch(() => undefined);
  }
}
