import type { Dirent } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreProblem } from '../../shared/model-types.ts';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { pickLatest, type VersionTime } from './latest-pointer.ts';
import { latestProblem, type LatestContext } from './latest-problem.ts';
import { readCappedSync } from '../yaml/model-yaml-limits.ts';
import { readPointer, resolveLatest, type NameDirView } from './latest-resolve.ts';
import { parseModelYaml } from '../yaml/model-yaml.ts';
import { isDirectoryEntrySyncStrict } from '../paths/fs-probe.ts';

// `latest` of one model name as BentoML would resolve it, with the problem to report: from a
// scan's loaded versions (list, the window), or straight from disk (get, export, repair), where
// only the pointer's own version is read while the pointer holds. Reads only; never writes.

export interface LatestStatus extends LatestContext {
  /** The version `get("<name>")` resolves to (even one it then fails to load), or null. */
  readonly version: string | null;
  readonly problem: StoreProblem | null;
}

/** Entries that `Path.is_dir()` accepts (links to folders count), in Python's sorted order. */
export function dirEntries(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (isDirectoryEntrySyncStrict(dir, e)) out.push(e.name);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The resolution for a name whose version directories are `view.dirs`. */
export function latestStatus(modelsDir: string, name: string, view: NameDirView, allLoadable: () => VersionTime[]): LatestStatus {
  const nameDir = path.join(modelsDir, name);
  const pointer = readPointer(nameDir);
  const resolution = resolveLatest(nameDir, pointer, view);
  // Only a failure's advice needs the newest loadable version (a recompute already is that one).
  const newest = resolution.outcome === 'fails' ? pickLatest(allLoadable(), 'first') : resolution.outcome === 'recomputed' ? resolution.version : null;
  const ctx: LatestContext = { name, pointer, resolution, newest };
  return { ...ctx, version: resolution.version, problem: latestProblem(modelsDir, ctx) };
}

/** BentoML can load the version: model.yaml parses and names this very version (§2.1). */
function readTime(nameDir: string, name: string, version: string): VersionTime | null {
  // Capped like the scan's reader, so `get` and `list` agree on an oversized model.yaml (broken).
  const bytes = readCappedSync(path.join(nameDir, version, 'model.yaml'));
  if (!Buffer.isBuffer(bytes)) return null;
  try {
    const info = parseModelYaml(bytes.toString('utf8'));
    if (info.name !== name || info.version !== version || info.creation_time === '') return null;
    return { version, creationTime: info.creation_time };
  } catch {
    return null;
  }
}

/** latestStatus read from disk; model.yaml files are read only as far as BentoML would read them. */
export function latestStatusOnDisk(modelsDir: string, name: string): LatestStatus {
  const nameDir = path.join(modelsDir, name);
  const dirs = dirEntries(nameDir);
  const cache = new Map<string, VersionTime | null>();
  const loadable = (version: string): VersionTime | null => {
    if (!cache.has(version)) cache.set(version, readTime(nameDir, name, version));
    return cache.get(version) ?? null;
  };
  const all = (): VersionTime[] => dirs.filter((d) => isValidTagComponent(d) && d !== 'latest').flatMap((d) => loadable(d) ?? []);
  return latestStatus(modelsDir, name, { dirs, loadable }, all);
}
