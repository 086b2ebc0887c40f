import { promises as fsp } from 'node:fs';
import type { RecordedManifest } from '../../shared/integrity-types.ts';
import type { StorePaths } from '../paths/home.ts';
import { manifestPath, readManifest, type ManifestEntry } from './manifest-file.ts';
import { walkFiles, type WalkedFile } from './walk-files.ts';

// A version's manifest as it was recorded, for Compare (issue 12 view 14): the hashes a person may
// trust without reading the files again. Nothing is hashed here (a big model would take minutes);
// the version's files are only listed (lstat), and a file whose presence, size or link target no
// longer matches its entry, or that was modified after the manifest was last written, is named
// stale: its recorded hash says nothing about it now. The manifest file's own time is the bar (not
// `recordedAt`): a label edit rewrites model.yaml and its entry together, after `recordedAt`.
// Read-only: nothing is created, changed or removed.

function staleOf(entry: ManifestEntry | undefined, file: WalkedFile | undefined, writtenMs: number): boolean {
  if (entry === undefined || file === undefined) return true;
  if (entry.size !== file.size) return true;
  if (file.kind === 'link') return entry.link !== file.target;
  return entry.sha256 === undefined || file.mtimeMs > writtenMs;
}

/** The manifest of a complete version with what no longer matches it, or null when it has none. */
export async function recordedManifest(paths: StorePaths, name: string, version: string, versionDir: string): Promise<RecordedManifest['manifest']> {
  const manifest = await readManifest(paths, name, version);
  if (manifest === null) return null;
  const written = await fsp.stat(manifestPath(paths, name, version)).catch(() => null);
  if (written === null) return null;
  const walked = await walkFiles(versionDir).catch(() => []);
  const now = new Map(walked.map((f) => [f.path, f]));
  const recorded = new Map(manifest.files.map((e) => [e.path, e]));
  const staleFiles = [...new Set([...recorded.keys(), ...now.keys()])].filter((p) => staleOf(recorded.get(p), now.get(p), written.mtimeMs)).sort();
  return {
    recordedAt: manifest.recordedAt,
    recordedBy: manifest.recordedBy,
    atSave: manifest.atSave,
    files: manifest.files.map((e) => ({ path: e.path, size: e.size, ...(e.sha256 === undefined ? {} : { sha256: e.sha256 }), ...(e.link === undefined ? {} : { link: e.link }) })),
    stale: staleFiles.length > 0,
    staleFiles,
  };
}
