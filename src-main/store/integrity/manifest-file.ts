import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { StorePaths } from '../paths/home.ts';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { MANIFEST_FORMAT, manifestPath, PENDING_FORMAT } from './manifest-write.ts';

// Writing (and the paths and format strings) is in manifest-write.ts, which needs no schema.
export { MANIFEST_FORMAT, manifestPath, manifestsDir, PENDING_FORMAT, writeManifest } from './manifest-write.ts';

// A version's manifest lives in `.model-shelf/manifests/<name>/<version>.json`, never under
// `models/` (a stray file there is seen by BentoML, format spec §9.3). It lists every file of the
// version (model.yaml included, so an edit of labels must update its entry) with size and
// SHA-256. It is written whole under an owner-stamped name in the staging area (same disk) and
// renamed into place, so a reader sees the old or the new manifest, and a crash leaves only a
// staging entry that the next writer or `repair` reclaims. While its version is in the trash,
// the manifest waits beside it as `.model-shelf/trash/<id>.manifest` and comes back on restore.

const entrySchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  link: z.string().optional(),
});

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  tag: z.string(),
  recordedAt: z.string(),
  /** What recorded it: create, import, dedup (at save time) or verify (later: not at save time). */
  recordedBy: z.enum(['create', 'import', 'dedup', 'verify']),
  /** False when recorded after the version was saved (by BentoML, or before manifests existed). */
  atSave: z.boolean(),
  files: z.array(entrySchema),
});

export type ManifestEntry = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

// PENDING_FORMAT (manifest-write.ts): a version saved without hashing its bytes; its first verify records the manifest.

const pendingSchema = z.object({
  format: z.literal(PENDING_FORMAT),
  tag: z.string(),
  recordedAt: z.string(),
  /**
   * Why no hashes were taken at save time: 'moved', a move linked the files (nothing read them);
   * 'later', the create was asked to leave the manifest for later (`create --manifest later`).
   */
  reason: z.enum(['moved', 'later']),
});

export type PendingManifest = z.infer<typeof pendingSchema>;

export function trashManifestPath(paths: StorePaths, trashId: string): string {
  return path.join(paths.trash, `${trashId}.manifest`);
}

/** What is at a version's manifest path; `unreadable` says why it cannot be one. */
export type ManifestState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'recorded'; readonly manifest: Manifest }
  | { readonly kind: 'pending'; readonly pending: PendingManifest }
  | { readonly kind: 'unreadable'; readonly why: 'not-a-file' | 'too-big' | 'damaged'; readonly size: number };

// The longest text V8 makes of a file: past it nothing could be parsed anyway.
const MAX_MANIFEST_BYTES = 0x1fffffe8;

/**
 * The manifest file of a version, opened without blocking (a pipe put in its place would block
 * a plain read until a writer comes, holding one of libuv's four threads) and read only when it
 * is a regular file of at most `limit` bytes.
 */
export async function readManifestState(paths: StorePaths, name: string, version: string, opts: { limit?: number } = {}): Promise<ManifestState> {
  let fh: FileHandle;
  try {
    fh = await fsp.open(manifestPath(paths, name, version), NONBLOCK_READ);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'absent' } : { kind: 'unreadable', why: 'not-a-file', size: 0 };
  }
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) return { kind: 'unreadable', why: 'not-a-file', size: stat.size };
    if (stat.size > Math.min(opts.limit ?? MAX_MANIFEST_BYTES, MAX_MANIFEST_BYTES)) return { kind: 'unreadable', why: 'too-big', size: stat.size };
    const json: unknown = JSON.parse(await fh.readFile('utf8'));
    const recorded = manifestSchema.safeParse(json);
    // Paths are keys: a manifest naming one twice was not written by us.
    if (recorded.success && new Set(recorded.data.files.map((f) => f.path)).size === recorded.data.files.length) return { kind: 'recorded', manifest: recorded.data };
    const pending = pendingSchema.safeParse(json);
    if (pending.success) return { kind: 'pending', pending: pending.data };
    return { kind: 'unreadable', why: 'damaged', size: stat.size };
  } catch {
    return { kind: 'unreadable', why: 'damaged', size: 0 };
  } finally {
    await fh.close();
  }
}

/** The manifest of a version, or null when it has none (or one that is not a manifest). */
export async function readManifest(paths: StorePaths, name: string, version: string): Promise<Manifest | null> {
  const state = await readManifestState(paths, name, version);
  return state.kind === 'recorded' ? state.manifest : null;
}

/** The pending manifest of a version (see PENDING_FORMAT), or null when it has none. */
export async function readPendingManifest(paths: StorePaths, name: string, version: string): Promise<PendingManifest | null> {
  const state = await readManifestState(paths, name, version);
  return state.kind === 'pending' ? state.pending : null;
}

/** Drops a version's manifest (its version left the store for good). */
export async function removeManifest(paths: StorePaths, name: string, version: string): Promise<void> {
  const file = manifestPath(paths, name, version);
  await fsp.rm(file, { force: true });
  await fsp.rmdir(path.dirname(file)).catch(() => undefined);
}

/** The version went to the trash as `trashId`: its manifest goes along (no manifest, nothing to do). */
export async function manifestToTrash(paths: StorePaths, name: string, version: string, trashId: string): Promise<void> {
  const file = manifestPath(paths, name, version);
  await fsp.rename(file, trashManifestPath(paths, trashId)).catch(() => undefined);
  await fsp.rmdir(path.dirname(file)).catch(() => undefined);
}

/** The version came back from the trash: so does its manifest. */
export async function manifestFromTrash(paths: StorePaths, trashId: string, name: string, version: string): Promise<void> {
  const from = trashManifestPath(paths, trashId);
  const to = manifestPath(paths, name, version);
  await fsp.mkdir(path.dirname(to), { recursive: true }).catch(() => undefined);
  await fsp.rename(from, to).catch(() => undefined);
}
