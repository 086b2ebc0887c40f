import { createHash } from 'node:crypto';
import path from 'node:path';
import type { StorePaths } from '../paths/home.ts';
import { hashSmallSync, type FileHash } from './hash-file.ts';
import type { Manifest, ManifestEntry, PendingManifest } from './manifest-file.ts';
import { newManifest, PENDING_FORMAT, writeManifest } from './manifest-write.ts';
import { walkFiles } from './walk-files.ts';

// The manifest of a new version. A create hashes every file while copying it (create/copy-file.ts:
// small files from the buffer the copy read, big ones from their source while the kernel copies),
// so the staged files are never read back; model.yaml is hashed from the bytes the commit writes.
// An import (and a move that asks for dedup) hashes the staged files instead, while the commit
// flushes them to disk, so that the two overlap (docs/benchmarks.md "Manifest at create").
// A move that linked its files records a PENDING manifest: nothing read those bytes, and reading
// them would make a move cost a read of every byte instead of one link per file; the version's
// first verify records its manifest, "recorded now, not at save time", as for a version saved by
// BentoML. The manifest is written right after the rename that publishes the version, under the
// same name lock. A failure to write it never undoes a saved version: that version simply has no
// manifest, and its first verify records one ("recorded now").

/** Starts hashing every staged file but model.yaml. */
export async function hashStagedArtifacts(stagingDir: string): Promise<ManifestEntry[]> {
  const files = (await walkFiles(stagingDir)).filter((f) => f.path !== 'model.yaml');
  // Loaded here, not at the top: a create records its manifest without the reader's schema (manifest-write.ts).
  const { hashWalked } = await import('./record-manifest.ts');
  return hashWalked(files);
}

/** The entries of hashes made while copying (relative path -> size and SHA-256). */
export function entriesOfHashes(hashes: ReadonlyMap<string, FileHash>): ManifestEntry[] {
  return [...hashes].map(([rel, h]) => ({ path: rel, size: h.size, sha256: h.sha256 }));
}

/** The artifacts' entries plus model.yaml's (hashed from `yaml`, the bytes written, when given), in path order. */
export function withModelYaml(entries: readonly ManifestEntry[], stagingDir: string, yaml?: Buffer): ManifestEntry[] {
  const own = yaml === undefined ? hashSmallSync(path.join(stagingDir, 'model.yaml')) : { size: yaml.length, sha256: createHash('sha256').update(yaml).digest('hex') };
  return [...entries.filter((e) => e.path !== 'model.yaml'), { path: 'model.yaml', ...own }].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function recordAtCommit(paths: StorePaths, name: string, version: string, files: ManifestEntry[], by: Manifest['recordedBy']): Promise<void> {
  await writeManifest(paths, name, version, newManifest(`${name}:${version}`, files, by)).catch(() => undefined);
}

/**
 * A version saved without hashing its files (a move that linked them, or a create asked to
 * leave the manifest for later): a pending manifest says so
 * until its first verify records the real one. Not fsynced: lost in a crash, the version simply
 * has no manifest, which verify treats the same way.
 */
export async function recordPendingAtCommit(paths: StorePaths, name: string, version: string, reason: PendingManifest['reason']): Promise<void> {
  const pending: PendingManifest = { format: PENDING_FORMAT, tag: `${name}:${version}`, recordedAt: new Date().toISOString(), reason };
  await writeManifest(paths, name, version, pending, { sync: false }).catch(() => undefined);
}
