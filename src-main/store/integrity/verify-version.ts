import { promises as fsp } from 'node:fs';
import type { VerifyResult } from '../../shared/integrity-types.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { isShelfError } from '../../shared/errors.ts';
import { fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { readManifest, writeManifest, type Manifest, type ManifestEntry } from './manifest-file.ts';
import { hashWalked, newManifest } from './record-manifest.ts';
import { walkFiles, type WalkedFile } from './walk-files.ts';

// `verify` hashes a version's files again and compares them with its manifest: every file that
// changed (other size or SHA-256, or a link that points elsewhere), went missing or appeared is
// named. A version without a manifest (saved by BentoML, or before Model Shelf recorded them)
// gets one now, marked "recorded now, not at save time": that is the only write verify makes,
// and it goes to `.model-shelf/` only, never under `models/`.

export type { IntegrityState, VerifyResult } from '../../shared/integrity-types.ts';

export interface PlannedVersion {
  readonly version: ModelVersion;
  readonly files: readonly WalkedFile[];
  readonly bytes: number;
}

/** The walk of one version (its byte total feeds the progress of a whole run). */
export async function planVerify(version: ModelVersion): Promise<PlannedVersion> {
  const files = version.status === 'incomplete' ? [] : await walkFiles(version.path);
  return { version, files, bytes: files.reduce((sum, f) => sum + (f.kind === 'file' ? f.size : 0), 0) };
}

function same(a: ManifestEntry, b: ManifestEntry): boolean {
  return a.size === b.size && a.sha256 === b.sha256 && a.link === b.link;
}

export function compareManifest(recorded: readonly ManifestEntry[], now: readonly ManifestEntry[]): { changed: string[]; missing: string[]; appeared: string[] } {
  const before = new Map(recorded.map((e) => [e.path, e]));
  const after = new Map(now.map((e) => [e.path, e]));
  const changed: string[] = [];
  const missing: string[] = [];
  const appeared: string[] = [];
  for (const [rel, entry] of before) {
    const current = after.get(rel);
    if (current === undefined) missing.push(rel);
    else if (!same(entry, current)) changed.push(rel);
  }
  for (const rel of after.keys()) if (!before.has(rel)) appeared.push(rel);
  return { changed, missing, appeared };
}

function base(plan: PlannedVersion, manifest: Manifest | null): Pick<VerifyResult, 'tag' | 'recordedAt' | 'atSave' | 'recordedBy' | 'files' | 'bytes'> {
  return { tag: plan.version.tag, recordedAt: manifest?.recordedAt ?? '', atSave: manifest?.atSave ?? false, recordedBy: manifest?.recordedBy ?? '', files: plan.files.length, bytes: plan.bytes };
}

export async function verifyPlanned(paths: StorePaths, plan: PlannedVersion, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<VerifyResult> {
  const { version } = plan;
  const empty = { changed: [], missing: [], appeared: [] };
  if (version.status === 'incomplete') {
    return { ...base(plan, null), ...empty, state: 'skipped', note: `'${version.tag}' has no complete model.yaml yet (still being written, or broken); it was not verified.` };
  }
  let now: ManifestEntry[];
  try {
    now = await hashWalked(plan.files, opts);
  } catch (error) {
    if (isShelfError(error)) throw error;
    // Deleted while it was read (by Model Shelf or BentoML): nothing left to verify.
    if (!(await fsp.stat(version.path).then((s) => s.isDirectory(), () => false))) {
      return { ...base(plan, null), ...empty, state: 'skipped', note: `'${version.tag}' was deleted while it was being verified.` };
    }
    throw fsError(error, version.path, 'read', paths.home);
  }
  const manifest = await readManifest(paths, version.name, version.version);
  if (manifest !== null) {
    const diff = compareManifest(manifest.files, now);
    const clean = diff.changed.length + diff.missing.length + diff.appeared.length === 0;
    return { ...base(plan, manifest), ...diff, state: clean ? 'intact' : 'changed' };
  }
  const fresh = newManifest(version.tag, now, 'verify');
  // Under the name's lock, and only while the version is still there: a delete that ran
  // meanwhile removed the manifest already and must not find a new one appear after it.
  let recorded: boolean;
  try {
    recorded = await withNameLock(paths, version.name, async () => {
      if ((await readManifest(paths, version.name, version.version)) !== null) return false;
      if (!(await fsp.stat(version.path).then((s) => s.isDirectory(), () => false))) return false;
      await writeManifest(paths, version.name, version.version, fresh);
      return true;
    });
  } catch (error) {
    // A store Model Shelf may not write to (read-only disk, another user's home): the versions
    // that have a manifest are still verified; this one is reported, not the whole run failed.
    const why = isShelfError(error) ? error.message : fsError(error, paths.private, 'write', paths.home).message;
    return { ...base(plan, null), ...empty, state: 'skipped', note: `'${version.tag}' has no manifest yet, and none could be recorded: ${why}` };
  }
  return recorded
    ? { ...base(plan, fresh), ...empty, state: 'recorded' }
    : { ...base(plan, null), ...empty, state: 'skipped', note: `'${version.tag}' was deleted or got a manifest while it was being verified; verify it again.` };
}
