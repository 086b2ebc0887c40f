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

/** `bentoml models list` order (§8.1): creation_time descending, stable; unknown times last. */
function ordered(items: { v: ModelVersion; micros: number }[]): ModelVersion[] {
  return items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => (a.micros === b.micros ? a.index - b.index : a.micros > b.micros ? -1 : 1))
    .map((item) => item.v);
}

// Above this many milliseconds per version the disk is the limit (cold cache, network volume):
// switch to parallel promise calls until batches get fast again.
const SLOW_MS_PER_VERSION = 0.25;

async function loadAll(modelsDir: string, jobs: { name: string; version: string }[]): Promise<LoadedVersion[]> {
  const out: LoadedVersion[] = [];
  let parallel = false;
  for (let i = 0; i < jobs.length; i += BATCH) {
    const batch = jobs.slice(i, i + BATCH);
    for (let j = 0; j < batch.length; j++) readWork.step();
    const t0 = performance.now();
    if (parallel) out.push(...(await Promise.all(batch.map((j) => loadVersion(modelsDir, j.name, j.version)))));
    else out.push(...batch.map((j) => loadVersionSync(modelsDir, j.name, j.version)));
    parallel = (performance.now() - t0) / batch.length > SLOW_MS_PER_VERSION;
    await yieldToLoop();
  }
  return out;
}

async function scanPlans(modelsDir: string, plans: NamePlan[], extra: StoreProblem[]): Promise<ScanResult> {
  const jobs = plans.flatMap((plan) => plan.versions.map((version) => ({ name: plan.name, version })));
  const loaded = await loadAll(modelsDir, jobs);
  const byName = new Map<string, LoadedVersion[]>();
  for (const l of loaded) {
    const list = byName.get(l.version.name);
    if (list) list.push(l);
    else byName.set(l.version.name, [l]);
  }
  const results = plans.map((plan) => finishName(modelsDir, plan, byName.get(plan.name) ?? []));
  const micros = new Map(loaded.map((l) => [l.version.path, l.micros]));
  const all = results.flatMap((r) => r.versions.map((v) => ({ v, micros: micros.get(v.path) ?? Number.NEGATIVE_INFINITY })));
  return { versions: ordered(all), problems: [...extra, ...results.flatMap((r) => r.problems)] };
}

/** Every version of every model, with problems reported, never thrown (§9.3 "be more lenient"). */
export async function scanStore(home: string): Promise<ScanResult> {
  const modelsDir = storePaths(home).models;
  const listing = dirNames(modelsDir);
  if (!listing) return { versions: [], problems: [] };
  const extra: StoreProblem[] = [];
  const plans: NamePlan[] = [];
  for (const name of listing) {
    if (isValidTagComponent(name)) plans.push(planName(modelsDir, name));
    else extra.push(invalidDir(modelsDir, `models/${name}`, true));
  }
  return scanPlans(modelsDir, plans, extra);
}

/** The versions of one name; empty when the directory does not exist. */
export async function scanName(home: string, name: string): Promise<ScanResult> {
  if (!isValidTagComponent(name)) throw new ShelfError('INVALID_TAG', `'${name}' is not a valid BentoML model name.`);
  const modelsDir = storePaths(home).models;
  return scanPlans(modelsDir, [planName(modelsDir, name)], []);
}
