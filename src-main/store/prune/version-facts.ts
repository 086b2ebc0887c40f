import fs from 'node:fs';
import path from 'node:path';
import { pickLatest, type VersionTime } from '../latest/latest-pointer.ts';
import { dirEntries, latestStatus } from '../latest/latest-status.ts';
import { describeVersion, type LoadedVersion } from '../read/version-reader.ts';
import { workMeter } from '../paths/work-count.ts';
import { readCappedSync } from '../yaml/model-yaml-limits.ts';

// What prune needs to know of one model's versions, read the way `list` reads them (model.yaml
// with PyYAML's typing, BentoML's `latest` resolution) but sized by du's walk: one pass each.

// One step per model.yaml read, on du's meter: a test counts a plan's whole work per version.
const work = workMeter('usage-read');

export interface VersionFacts {
  readonly loaded: LoadedVersion;
  /** The version folder's identity when planned: a folder replaced meanwhile is not the one planned. */
  readonly dev: number;
  readonly ino: number;
}

export interface NameFacts {
  readonly versions: VersionFacts[];
  /** What `bentoml models get NAME` loads, or, when that fails, the newest loadable version (null: none). */
  readonly latest: string | null;
  /** True when `latest` could not be resolved and `latest` is the newest loadable version instead. */
  readonly latestGuessed: boolean;
}

/** One version, read now (model.yaml and folder identity); null when its folder is gone. */
export function readVersionFacts(modelsDir: string, name: string, version: string, size: number): VersionFacts | null {
  work.step();
  const dir = path.join(modelsDir, name, version);
  const st = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) return null;
  const loaded = describeVersion(dir, name, version, readCappedSync(path.join(dir, 'model.yaml')), size);
  return { loaded, dev: st.dev, ino: st.ino };
}

/** The versions of `name` in `versions` (with their du sizes) and its latest as BentoML resolves it. */
export function nameFacts(modelsDir: string, name: string, versions: ReadonlyMap<string, number>): NameFacts {
  const facts: VersionFacts[] = [];
  for (const [version, size] of versions) {
    const f = readVersionFacts(modelsDir, name, version, size);
    if (f) facts.push(f);
  }
  const times = new Map<string, VersionTime>();
  for (const f of facts) if (f.loaded.info !== null) times.set(f.loaded.version.version, { version: f.loaded.version.version, creationTime: f.loaded.version.creationTime });
  const all = (): VersionTime[] => [...times.values()];
  const status = latestStatus(modelsDir, name, { dirs: dirEntries(path.join(modelsDir, name)), loadable: (v) => times.get(v) ?? null }, all);
  if (status.version !== null) return { versions: facts, latest: status.version, latestGuessed: false };
  // BentoML cannot resolve `latest` (an empty pointer, mixed time zones...): keep what `repair` would point it at.
  return { versions: facts, latest: pickLatest(all(), 'first'), latestGuessed: true };
}
