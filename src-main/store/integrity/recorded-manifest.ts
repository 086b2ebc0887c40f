import { promises as fsp } from 'node:fs';
import type { RecordedManifest } from '../../shared/integrity-types.ts';
import type { StorePaths } from '../paths/home.ts';
import { ShelfError } from '../../shared/errors.ts';
import { manifestPath, readManifestState, type ManifestEntry, type ManifestState } from './manifest-file.ts';
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

/**
 * Compare gets every entry over IPC, parsed in main. 16 MiB is about 130,000 files and costs
 * main ~0.6 s and ~80 MB of heap (a 305 MB manifest took 12 s and 1.4 GB).
 */
export const COMPARE_MANIFEST_LIMIT = 16 * 1024 * 1024;

// One manifest read at a time: the window is untrusted (design §6), and many requests for big
// manifests at once would each hold their parse in main's heap.
let turn: Promise<void> = Promise.resolve();
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = turn.then(fn);
  turn = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

const MiB = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** The one sentence for a manifest Compare cannot use (a damaged one is not taken for none). */
function unusable(tag: string, file: string, state: Extract<ManifestState, { kind: 'unreadable' }>): ShelfError {
  if (state.why === 'too-big') {
    return new ShelfError('BROKEN_MODEL', `The recorded manifest of ${tag} is ${MiB(state.size)}, more than the ${MiB(COMPARE_MANIFEST_LIMIT)} Compare reads, so its hashes are not shown; \`model-shelf verify ${tag}\` checks the files against it.`);
  }
  if (state.why === 'not-a-file') {
    return new ShelfError('BROKEN_MODEL', `The recorded manifest of ${tag} is not a regular file (a pipe, socket, device or folder), so Compare cannot use its hashes; delete ${file} and run \`model-shelf verify ${tag}\` to record a new one.`);
  }
  return new ShelfError('BROKEN_MODEL', `The recorded manifest of ${tag} is damaged or in a format this Model Shelf cannot read, so Compare cannot use its hashes; \`model-shelf verify ${tag}\` records a new one.`);
}

/** The manifest of a complete version with what no longer matches it, or null when it has none. */
export function recordedManifest(paths: StorePaths, name: string, version: string, versionDir: string): Promise<RecordedManifest['manifest']> {
  return oneAtATime(() => readRecorded(paths, name, version, versionDir));
}

async function readRecorded(paths: StorePaths, name: string, version: string, versionDir: string): Promise<RecordedManifest['manifest']> {
  const file = manifestPath(paths, name, version);
  const state = await readManifestState(paths, name, version, { limit: COMPARE_MANIFEST_LIMIT });
  if (state.kind === 'unreadable') throw unusable(`${name}:${version}`, file, state);
  if (state.kind !== 'recorded') return null;
  const { manifest } = state;
  const written = await fsp.stat(file).catch(() => null);
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
