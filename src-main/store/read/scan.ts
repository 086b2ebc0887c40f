import type { Dirent } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { ModelVersion, StoreProblem } from '../../shared/model-types.ts';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { storePaths } from '../paths/home.ts';
import { workMeter } from '../paths/work-count.ts';
import { latestDirProblem } from '../latest/latest-problem.ts';
import { latestStatus } from '../latest/latest-status.ts';
import { invalidDirectoryAdvice } from './problem-advice.ts';
import { loadVersion, loadVersionSync, type LoadedVersion } from './version-reader.ts';
import { afterSyncBatch, SYNC_START, type ReadMode } from './read-mode.ts';
import { isDirectoryEntrySyncStrict } from '../paths/fs-probe.ts';

export interface ScanResult {
  versions: ModelVersion[];
  problems: StoreProblem[];
}

// Counted so a test can prove what a scan reads (`list NAME` reads only models/NAME/), not time it.
const readWork = workMeter('store-read');

/** Directory entries that `Path.is_dir()` accepts (symlinks to directories count, §2.1), sorted like Python. */
function dirNames(dir: string): string[] | null {
  let entries: Dirent[];
  readWork.step();
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const dirs: string[] = [];
  for (const e of entries) {
    if (isDirectoryEntrySyncStrict(dir, e)) dirs.push(e.name);
  }
  return dirs.sort(byCodePoint);
}

// Synchronous fs calls in small batches (see version-reader.ts): at most this many versions run
// between two turns of the event loop, so a big scan never blocks the main process for long.
const BATCH = 48;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function invalidDir(modelsDir: string, rel: string, isName: boolean): StoreProblem {
  const what = isName ? 'model name' : 'version';
  return {
    kind: 'invalid-directory',
    path: rel,
    message: `${rel} is not a valid BentoML ${what} (lowercase letters, digits, '-', '_', '.'), so \`bentoml models list\` fails while it is there.`,
    fix: invalidDirectoryAdvice(modelsDir, rel),
    safeToFix: false,
  };
}

interface NamePlan {
  name: string;
  versions: string[];
  problems: StoreProblem[];
  /** `latest` is a directory (or a link to one): reported even when the name has no version. */
  latestIsDir: boolean;
  /** Every entry `is_dir()` accepts, valid or not: BentoML's recompute of `latest` loads them all. */
  dirs: string[];
}

function planName(modelsDir: string, name: string): NamePlan {
  const plan: NamePlan = { name, versions: [], problems: [], latestIsDir: false, dirs: dirNames(path.join(modelsDir, name)) ?? [] };
  for (const v of plan.dirs) {
    // A `latest` that is a directory (or a link to one) is reported as latest-not-file instead.
    if (v === 'latest') {
      plan.latestIsDir = true;
      continue;
    }
    if (isValidTagComponent(v)) plan.versions.push(v);
    else plan.problems.push(invalidDir(modelsDir, `models/${name}/${v}`, false));
  }
  return plan;
}

function finishName(modelsDir: string, plan: NamePlan, loaded: LoadedVersion[]): ScanResult {
  const problems = [...plan.problems];
  for (const l of loaded) problems.push(...l.problems);
  let latest: string | null = null;
  if (loaded.length === 0 && plan.latestIsDir) problems.push(latestDirProblem(modelsDir, plan.name, null));
  if (loaded.length > 0) {
    // Marked is what `bentoml models get <name>` resolves (§2.2): the pointer while it holds, else
    // BentoML's recompute; none when BentoML fails. Worked out in memory: a scan never writes.
    const times = new Map(loaded.filter((l) => l.info !== null).map((l) => [l.version.version, { version: l.version.version, creationTime: l.version.creationTime }]));
    const status = latestStatus(modelsDir, plan.name, { dirs: plan.dirs, loadable: (v) => times.get(v) ?? null }, () => [...times.values()]);
    latest = status.version;
    if (status.problem) problems.push(status.problem);
  }
  return { versions: loaded.map((l) => ({ ...l.version, latest: l.version.version === latest })), problems };
}

// Above this many blocking waits of the scanning thread in a batch of synchronous reads, the disk
// is the limit (cold cache, network volume): switch to parallel promise calls. Counting the waits
// (voluntary context switches), not wall time, keeps a busy CPU (other processes running) from
// looking like a slow disk, where the promise calls only add CPU. Measured on a 10,000-version store:
// 0-3 per batch of 48 on a warm cache at load 16 (with blips of 12 and more at load 20), about 100
// cold; read-mode.ts decides. In parallel mode every PROBE-th batch runs synchronously again to see
// whether the cache has become warm.
const BLOCKED_PER_BATCH = BATCH / 4;
const PROBE = 8;

const THREAD_STATUS = '/proc/thread-self/status';
let threadStatus = fs.existsSync(THREAD_STATUS);

/** The scanning thread's blocking waits so far (Linux); elsewhere the process's, which counts its other threads too. */
function blockingWaits(): number {
  if (threadStatus) {
    try {
      const m = /\nvoluntary_ctxt_switches:\s*(\d+)/.exec(fs.readFileSync(THREAD_STATUS, 'latin1'));
      if (m) return Number(m[1]);
    } catch {
      // fall through to the process-wide count from now on
    }
    threadStatus = false;
  }
  return process.resourceUsage().voluntaryContextSwitches;
}

/** Loads versions name by name, in batches of BATCH versions across names, yielding between batches. */
class BatchLoader {
  private inBatch = 0;
  private batches = 0;
  private mode: ReadMode = SYNC_START;
  private switches = blockingWaits();

  private get parallel(): boolean {
    return this.mode.parallel;
  }

  private readonly modelsDir: string;

  constructor(modelsDir: string) {
    this.modelsDir = modelsDir;
  }

  async load(plan: NamePlan): Promise<LoadedVersion[]> {
    const out: LoadedVersion[] = [];
    const { versions, name } = plan;
    for (let i = 0; i < versions.length; ) {
      const take = Math.min(BATCH - this.inBatch, versions.length - i);
      for (let j = 0; j < take; j++) readWork.step();
      if (this.parallel && this.batches % PROBE !== 0) {
        out.push(...(await Promise.all(versions.slice(i, i + take).map((v) => loadVersion(this.modelsDir, name, v)))));
      } else {
        for (let j = i; j < i + take; j++) out.push(loadVersionSync(this.modelsDir, name, versions[j] as string));
      }
      i += take;
      this.inBatch += take;
      if (this.inBatch === BATCH) await this.endBatch();
    }
    return out;
  }

  private async endBatch(): Promise<void> {
    const switches = blockingWaits();
    // Process-wide counts include GC and other threads' waits (up to 35 per batch seen on a busy warm machine).
    const limit = threadStatus ? BLOCKED_PER_BATCH : BATCH;
    if (!this.parallel || this.batches % PROBE === 0) this.mode = afterSyncBatch(this.mode, switches - this.switches >= limit);
    this.batches += 1;
    this.inBatch = 0;
    await yieldToLoop();
    this.switches = blockingWaits();
  }
}

/** What a scan keeps of each version: the caller's `keep` turns it into something small (or drops it). */
export interface KeptScan<T> {
  /** In `bentoml models list` order (§8.1): creation_time descending, stable; unknown times last. */
  items: T[];
  problems: StoreProblem[];
  /** Versions found before `keep` dropped any. */
  seen: number;
}

interface KeptItem<T> {
  value: T;
  micros: number;
  index: number;
}

async function scanPlans<T>(modelsDir: string, plans: NamePlan[], extra: StoreProblem[], keep: (v: ModelVersion) => T | undefined): Promise<KeptScan<T>> {
  // Name by name: only one name's parsed versions are alive at a time, the rest is what `keep`
  // made of them (list --json keeps a JSON string, about a kilobyte, instead of the objects).
  const loader = new BatchLoader(modelsDir);
  const kept: KeptItem<T>[] = [];
  const problems = [...extra];
  let seen = 0;
  for (const plan of plans) {
    const loaded = await loader.load(plan);
    const result = finishName(modelsDir, plan, loaded);
    problems.push(...result.problems);
    result.versions.forEach((v, i) => {
      const value = keep(v);
      if (value !== undefined) kept.push({ value, micros: loaded[i]?.micros ?? Number.NEGATIVE_INFINITY, index: seen + i });
    });
    seen += result.versions.length;
  }
  kept.sort((a, b) => (a.micros === b.micros ? a.index - b.index : a.micros > b.micros ? -1 : 1));
  return { items: kept.map((k) => k.value), problems, seen };
}

const asIs = (v: ModelVersion): ModelVersion => v;

async function scanStoreKeeping<T>(home: string, keep: (v: ModelVersion) => T | undefined): Promise<KeptScan<T>> {
  const modelsDir = storePaths(home).models;
  const listing = dirNames(modelsDir);
  if (!listing) return { items: [], problems: [], seen: 0 };
  const extra: StoreProblem[] = [];
  const plans: NamePlan[] = [];
  for (const name of listing) {
    if (isValidTagComponent(name)) plans.push(planName(modelsDir, name));
    else extra.push(invalidDir(modelsDir, `models/${name}`, true));
  }
  return scanPlans(modelsDir, plans, extra, keep);
}

async function scanNameKeeping<T>(home: string, name: string, keep: (v: ModelVersion) => T | undefined): Promise<KeptScan<T>> {
  if (!isValidTagComponent(name)) throw new ShelfError('INVALID_TAG', `'${name}' is not a valid BentoML model name.`);
  const modelsDir = storePaths(home).models;
  return scanPlans(modelsDir, [planName(modelsDir, name)], [], keep);
}

/**
 * The scan of the whole store (or of one name) keeping only what `keep` returns for each version,
 * in list order: `list --json` on 100,000 versions holds one JSON string per version, not the
 * parsed model.yaml objects.
 */
export function scanKeeping<T>(home: string, name: string | undefined, keep: (v: ModelVersion) => T | undefined): Promise<KeptScan<T>> {
  return name === undefined ? scanStoreKeeping(home, keep) : scanNameKeeping(home, name, keep);
}

/** Every version of every model, with problems reported, never thrown (§9.3 "be more lenient"). */
export async function scanStore(home: string): Promise<ScanResult> {
  const { items, problems } = await scanStoreKeeping(home, asIs);
  return { versions: items, problems };
}

/** The versions of one name; empty when the directory does not exist. */
export async function scanName(home: string, name: string): Promise<ScanResult> {
  const { items, problems } = await scanNameKeeping(home, name, asIs);
  return { versions: items, problems };
}
