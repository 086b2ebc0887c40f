import path from 'node:path';
import type { StorePaths } from '../paths/home.ts';
import { hashSmallSync } from './hash-file.ts';
import { writeManifest, type Manifest, type ManifestEntry } from './manifest-file.ts';
import { hashWalked, newManifest } from './record-manifest.ts';
import { walkFiles } from './walk-files.ts';

// The manifest of a new version is hashed from its staged files. The copy runs inside the kernel
// (`cp`, reflinks), so hashing is a second read, mostly from the page cache; it starts before the
// commit flushes the staged files to disk and runs while they are flushed, so that the two
// overlap (docs/benchmarks.md "Manifest at create"). model.yaml is hashed last: a create writes
// it during the flush. The manifest is written right after the rename that publishes the
// version, under the same name lock. A failure to write it never undoes a saved version: that
// version simply has no manifest, and its first verify records one ("recorded now").

/** Starts hashing every staged file but model.yaml. */
export async function hashStagedArtifacts(stagingDir: string): Promise<ManifestEntry[]> {
  const files = (await walkFiles(stagingDir)).filter((f) => f.path !== 'model.yaml');
  return hashWalked(files);
}

/** The artifacts' entries plus model.yaml's, in path order. */
export function withModelYaml(entries: readonly ManifestEntry[], stagingDir: string): ManifestEntry[] {
  const yaml = hashSmallSync(path.join(stagingDir, 'model.yaml'));
  return [...entries, { path: 'model.yaml', ...yaml }].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function recordAtCommit(paths: StorePaths, name: string, version: string, files: ManifestEntry[], by: Manifest['recordedBy']): Promise<void> {
  await writeManifest(paths, name, version, newManifest(`${name}:${version}`, files, by)).catch(() => undefined);
}
