import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { compareCreationTime } from '../yaml/creation-time.ts';
import { readLatest, pickLatest, writeLatest } from './latest-pointer.ts';
import { latestStatusOnDisk } from './latest-status.ts';
import { parseModelYaml } from '../yaml/model-yaml.ts';
import { readModelYamlText } from '../yaml/model-yaml-limits.ts';
import { isDirectoryEntry } from '../paths/fs-probe.ts';
import { regularFileText } from '../read/regular-file.ts';

/** A `latest` holds a version id (16 bytes); anything past this is not one (latest-resolve.ts reads as much). */
const POINTER_TEXT_LIMIT = 64 * 1024;

// BentoML's `latest` rules (format spec §2.2), applied by Model Shelf's writers while they hold
// the name lock. "Latest" is the greatest creation_time, not the most recently added.

export interface VersionTime {
  readonly version: string;
  readonly creationTime: string;
}

/** Version directories of a name (valid tag components only; `latest` is a file and skipped). */
export async function versionDirs(nameDir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fsp.readdir(nameDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (!isValidTagComponent(entry.name) || entry.name === 'latest') continue;
    if (await isDirectoryEntry(nameDir, entry)) out.push(entry.name);
  }
  return out.sort();
}

/** creation_time of every readable version; broken or half-written ones are left out. */
export async function versionTimes(nameDir: string): Promise<VersionTime[]> {
  const out: VersionTime[] = [];
  for (const version of await versionDirs(nameDir)) {
    try {
      const info = parseModelYaml(await readModelYamlText(path.join(nameDir, version, 'model.yaml')));
      if (info.creation_time !== '') out.push({ version, creationTime: info.creation_time });
    } catch {
      // A broken version can never be latest (BentoML cannot load it either, §9.3).
    }
  }
  return out;
}

async function pointTo(nameDir: string, version: string): Promise<void> {
  const current = await readLatest(nameDir);
  // Rewrite when anything but a clean pointer at `version` is there (a newline, a symlink, ...).
  if (current.state === 'ok' && current.version === version) {
    // Never a plain read: a pipe put there since would hold the read until a writer comes.
    const raw = (await regularFileText(path.join(nameDir, 'latest'), POINTER_TEXT_LIMIT)) ?? '';
    if (raw === version) return;
  }
  if (current.state === 'not-file') {
    const stat = await fsp.lstat(path.join(nameDir, 'latest')).catch(() => null);
    // A real directory called `latest` is a person's to sort out (repair reports it).
    if (stat?.isDirectory()) return;
  }
  await writeLatest(nameDir, version);
}

async function timeOf(nameDir: string, version: string): Promise<string | null> {
  try {
    const time = parseModelYaml(await readModelYamlText(path.join(nameDir, version, 'model.yaml'))).creation_time;
    return time === '' ? null : time;
  } catch {
    return null;
  }
}

/** After a version was added (register, store:175-181): the new one wins ties. */
export async function updateLatestAfterAdd(nameDir: string, added: VersionTime): Promise<string> {
  // Like BentoML, compare with the current latest only (one model.yaml read, whatever the number
  // of versions); all writers hold the name lock, so the pointer already is the maximum.
  const current = await readLatest(nameDir);
  if (current.state === 'ok' && current.version !== null && current.version !== added.version) {
    const time = await timeOf(nameDir, current.version);
    if (time !== null) {
      const chosen = compareCreationTime(added.creationTime, time) >= 0 ? added.version : current.version;
      await pointTo(nameDir, chosen);
      return chosen;
    }
  }
  // Missing, empty, stale or pointing at a broken version: recompute from every version.
  const others = (await versionTimes(nameDir)).filter((v) => v.version !== added.version);
  const best = pickLatest(others);
  const bestTime = others.find((v) => v.version === best)?.creationTime;
  const chosen = best === null || bestTime === undefined || compareCreationTime(added.creationTime, bestTime) >= 0 ? added.version : best;
  await pointTo(nameDir, chosen);
  return chosen;
}

/**
 * After a version left (Store.delete, store:183-207): with no version left the name directory
 * goes (BentoML rmtree's it, `latest` included); otherwise `latest` is always rewritten.
 * Returns the new latest, or null when none.
 */
export async function updateLatestAfterRemove(nameDir: string): Promise<string | null> {
  const remaining = await versionDirs(nameDir);
  if (remaining.length === 0) {
    await removeNameDirIfOnlyFiles(nameDir);
    return null;
  }
  const best = pickLatest(await versionTimes(nameDir));
  if (best !== null) {
    await pointTo(nameDir, best);
    return best;
  }
  // Only broken versions remain: a pointer at a vanished version would only mislead.
  const current = await readLatest(nameDir);
  if (current.state === 'stale') await fsp.rm(path.join(nameDir, 'latest'), { force: true });
  return null;
}

/** Removes `models/<name>/` when it holds only files (latest, temp pointers, .DS_Store). */
async function removeNameDirIfOnlyFiles(nameDir: string): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fsp.readdir(nameDir, { withFileTypes: true });
  } catch {
    return;
  }
  // An unknown directory is a person's: keep it (and the name dir around it).
  if (entries.some((e) => e.isDirectory())) {
    await fsp.rm(path.join(nameDir, 'latest'), { force: true }).catch(() => undefined);
    return;
  }
  for (const entry of entries) await fsp.rm(path.join(nameDir, entry.name), { force: true });
  await fsp.rmdir(nameDir).catch(() => undefined);
}

/**
 * Repair's fix for a missing, empty, stale or newline pointer: point at the greatest
 * creation_time, or drop a pointer that can point nowhere. Returns a sentence, or null.
 */
export async function recomputeLatest(nameDir: string): Promise<string | null> {
  // Keep what BentoML resolves today (a pointer through a link or with a newline still names a
  // version), so repair never changes what `bentoml models get` returns; otherwise the greatest
  // creation_time, ties as `_recreate_latest`: the first in version order.
  const today = latestStatusOnDisk(path.dirname(nameDir), path.basename(nameDir));
  const best = (today.resolution.outcome === 'fails' ? null : today.version) ?? pickLatest(await versionTimes(nameDir), 'first');
  const file = path.join(nameDir, 'latest');
  const stat = await fsp.lstat(file).catch(() => null);
  if (stat?.isDirectory()) return null;
  if (best !== null) {
    // A pipe, socket or device called `latest` is not waited on (read/regular-file.ts): it is replaced.
    const before = await regularFileText(file, POINTER_TEXT_LIMIT);
    await pointTo(nameDir, best);
    return before === best ? null : `${path.basename(nameDir)}/latest now points at ${best}`;
  }
  if (stat === null) return null;
  await fsp.rm(file, { force: true });
  return `${path.basename(nameDir)}/latest removed (no readable version left to point at)`;
}
