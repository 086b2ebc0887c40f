import type { StorePaths } from '../paths/home.ts';
import { writeManifest, type Manifest, type ManifestEntry } from './manifest-file.ts';
import { hashTree, newManifest } from './record-manifest.ts';

// The manifest of a new version is hashed from its staged files (after the copy: `cp` and
// reflinks copy inside the kernel, so hashing is a second read, mostly from the page cache;
// docs/benchmarks.md "Manifest at create") and written right after the rename that publishes
// the version, under the same name lock. A failure to write it never undoes a saved version:
// that version simply has no manifest, and its first verify records one ("recorded now").

export function hashStaged(stagingDir: string): Promise<ManifestEntry[]> {
  return hashTree(stagingDir);
}

export async function recordAtCommit(paths: StorePaths, name: string, version: string, files: ManifestEntry[], by: Manifest['recordedBy']): Promise<void> {
  await writeManifest(paths, name, version, newManifest(`${name}:${version}`, files, by)).catch(() => undefined);
}
