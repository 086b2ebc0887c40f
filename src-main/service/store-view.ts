// The snapshot main pushes: scan results cached per model name, so a watcher event rescans only
// the name it touched (design §4), merged and ordered like `bentoml models list` (§8.1).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { MetadataValue, ModelVersion, StoreProblem, StoreSnapshot } from '../shared/model-types.ts';
import { existsSync, isDirectorySync, parseCreationTime, scanName, scanStore, storePaths } from '../store/index.ts';

interface NameEntry {
  readonly versions: readonly ModelVersion[];
  readonly problems: readonly StoreProblem[];
  readonly fingerprint: string;
}

export interface StoreView {
  readonly home: string;
  readonly modelsDir: string;
  /** Rescans everything; true when the snapshot changed. */
  scanAll(): Promise<boolean>;
  /** Rescans the given names only; true when the snapshot changed. */
  scanNames(names: Iterable<string>): Promise<boolean>;
  setTrashSize(bytes: number): boolean;
  /** Builds the snapshot (cached until the next change). */
  build(revision: number): StoreSnapshot;
}

// JSON cannot hold bigint metadata (integers beyond 2^53 stay BigInt, design §2). Kept as a
// digest: the JSON of a name's versions is about a kilobyte per version, which the view held for
// the whole store (10 MB at 10,000 versions) only to compare it (issue 13).
const fingerprintOf = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))
    .digest('base64');

type Interner = (value: string) => string;

/** One copy of each equal string: label and metadata values repeat across versions ('prod', 'iris'). */
function createInterner(): Interner {
  const table = new Map<string, string>();
  return (value) => {
    let kept = table.get(value);
    if (kept === undefined) {
      // A fresh flat copy: the parser's string may be a slice that keeps its whole model.yaml alive.
      kept = value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
      table.set(kept, kept);
    }
    return kept;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Interns the strings of a metadata tree in place (its objects and arrays are the scan's own). */
function internTree(value: MetadataValue, intern: Interner): MetadataValue {
  if (typeof value === 'string') return intern(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = internTree(value[i]!, intern);
  } else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const tree = value as Record<string, MetadataValue>;
    for (const key of Object.keys(tree)) tree[key] = internTree(tree[key]!, intern);
  }
  return value;
}

/**
 * Makes the scan's version cheaper to keep (issue 13), in place: the parser's creation_time is a
 * slice of the model.yaml text (V8 keeps the whole ~0.5 KB text alive for it), and label and
 * metadata strings repeat across versions ('prod', 'iris'). In place rather than a copy: copies
 * made while the scan's objects are still alive survive V8's young-generation collections too,
 * and that survival is what grows the young generation (the process's RSS) after the first scan.
 * The objects are the scan's fresh results, owned by the view from here on.
 */
export function compactVersion(version: ModelVersion, intern: Interner): ModelVersion {
  const v = version as Mutable<ModelVersion>;
  const labels = v.labels as Record<string, string>;
  for (const key of Object.keys(labels)) labels[key] = intern(labels[key]!);
  internTree(v.metadata, intern);
  v.name = intern(v.name);
  v.module = intern(v.module);
  v.apiVersion = intern(v.apiVersion);
  if (v.creationTime.length >= 13) v.creationTime = JSON.parse(JSON.stringify(v.creationTime)) as string;
  return v;
}

/** The model name a store problem belongs to (`models/<name>/...`), or null for store-wide ones. */
function problemName(problem: StoreProblem): string | null {
  const parts = problem.path.split(/[\\/]/);
  return parts[0] === 'models' && parts[1] ? parts[1] : null;
}

const sortKey = new WeakMap<ModelVersion, number>();
function microsOf(version: ModelVersion): number {
  let key = sortKey.get(version);
  if (key === undefined) {
    // Unknown times (a version still being written) last, as scan.ts orders them.
    key = parseCreationTime(version.creationTime)?.micros ?? Number.NEGATIVE_INFINITY;
    sortKey.set(version, key);
  }
  return key;
}

// creation_time descending across names; ties keep name then version order (stable sort, §8.1).
function compareVersions(a: ModelVersion, b: ModelVersion): number {
  const ta = microsOf(a);
  const tb = microsOf(b);
  if (ta !== tb) return ta > tb ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

export function createStoreView(home: string): StoreView {
  const paths = storePaths(home);
  const byName = new Map<string, NameEntry>();
  let storeWide: readonly StoreProblem[] = [];
  let trashSize = 0;
  let exists = isDirectorySync(paths.models);
  let cached: { revision: number; snapshot: StoreSnapshot } | null = null;

  const setName = (name: string, scanned: readonly ModelVersion[], problems: readonly StoreProblem[], intern: Interner): boolean => {
    const versions = scanned.map((version) => compactVersion(version, intern));
    const fingerprint = fingerprintOf([versions, problems]);
    const before = byName.get(name);
    if (versions.length === 0 && problems.length === 0) {
      byName.delete(name);
      return before !== undefined;
    }
    if (before?.fingerprint === fingerprint) return false;
    byName.set(name, { versions, problems, fingerprint });
    return true;
  };

  const scanAll = async (): Promise<boolean> => {
    const before = fingerprintOf([exists, storeWide, [...byName.values()].map((e) => e.fingerprint)]);
    exists = isDirectorySync(paths.models);
    const result = exists ? await scanStore(home) : { versions: [], problems: [] };
    const grouped = new Map<string, { versions: ModelVersion[]; problems: StoreProblem[] }>();
    const group = (name: string) => {
      let entry = grouped.get(name);
      if (!entry) grouped.set(name, (entry = { versions: [], problems: [] }));
      return entry;
    };
    const wide: StoreProblem[] = [];
    for (const version of result.versions) group(version.name).versions.push(version);
    for (const problem of result.problems) {
      const name = problemName(problem);
      if (name === null) wide.push(problem);
      else group(name).problems.push(problem);
    }
    byName.clear();
    const intern = createInterner();
    for (const [name, entry] of grouped) setName(name, entry.versions, entry.problems, intern);
    storeWide = wide;
    cached = null;
    return before !== fingerprintOf([exists, storeWide, [...byName.values()].map((e) => e.fingerprint)]);
  };

  const scanNames = async (names: Iterable<string>): Promise<boolean> => {
    let changed = false;
    const nowExists = isDirectorySync(paths.models);
    if (nowExists !== exists) return scanAll();
    const intern = createInterner();
    for (const name of names) {
      const dir = path.join(paths.models, name);
      const result = existsSync(dir) ? await scanName(home, name) : { versions: [], problems: [] };
      if (setName(name, result.versions, result.problems, intern)) changed = true;
    }
    if (changed) cached = null;
    return changed;
  };

  return {
    home: paths.home,
    modelsDir: paths.models,
    scanAll,
    scanNames,
    setTrashSize(bytes) {
      if (bytes === trashSize) return false;
      trashSize = bytes;
      cached = null;
      return true;
    },
    build(revision) {
      if (cached?.revision === revision) return cached.snapshot;
      const versions: ModelVersion[] = [];
      const problems: StoreProblem[] = [...storeWide];
      for (const entry of byName.values()) {
        versions.push(...entry.versions);
        problems.push(...entry.problems);
      }
      versions.sort(compareVersions);
      const snapshot: StoreSnapshot = { home: paths.home, modelsDir: paths.models, revision, versions, problems, trashSize, exists };
      cached = { revision, snapshot };
      return snapshot;
    },
  };
}
