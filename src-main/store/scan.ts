import type { Dirent } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../shared/errors.ts';
import type { ModelVersion, StoreProblem } from '../shared/model-types.ts';
import { isValidTagComponent } from '../shared/tag-rules.ts';
import { storePaths } from './home.ts';
import { pickLatest, readLatestSync, type LatestRead } from './latest-pointer.ts';
import { invalidDirectoryAdvice } from './problem-advice.ts';
import { loadVersion, loadVersionSync, type LoadedVersion } from './version-reader.ts';

export interface ScanResult {
  versions: ModelVersion[];
  problems: StoreProblem[];
}

/** Directory entries that `Path.is_dir()` accepts (symlinks to directories count, §2.1), sorted like Python. */
function dirNames(dir: string): string[] | null {
  let entries: Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const dirs: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() || (e.isSymbolicLink() && fs.statSync(path.join(dir, e.name), { throwIfNoEntry: false })?.isDirectory())) dirs.push(e.name);
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

function latestProblem(name: string, read: LatestRead, target: string | null): StoreProblem | null {
  const rel = `models/${name}/latest`;
  const fix = target
    ? `Point it at ${target}, the version with the newest creation_time.`
    : read.state === 'missing' ? 'Nothing until one version can be loaded again.' : 'Remove it: no version can be loaded.';
  switch (read.state) {
    case 'missing':
      return { kind: 'latest-missing', path: rel, message: `${rel} is missing; BentoML recreates it on the next \`get\`.`, fix, safeToFix: true };
    case 'empty':
      return { kind: 'latest-empty', path: rel, message: `${rel} is empty, so \`bentoml models get ${name}\` fails until it is fixed.`, fix, safeToFix: true };
    case 'stale':
      return { kind: 'latest-stale', path: rel, message: `${rel} points at '${read.content ?? ''}', which is not a version of ${name}.`, fix, safeToFix: true };
    case 'newline':
      return { kind: 'latest-newline', path: rel, message: `${rel} ends with whitespace; BentoML before 1.4.20 then treats it as stale.`, fix: `Rewrite it as the bare version ${read.version ?? ''}.`, safeToFix: true };
    case 'not-file':
      return { kind: 'latest-not-file', path: rel, message: `${rel} is not a plain file; BentoML can neither read nor rewrite it.`, fix: `Replace it with a plain file naming ${target ?? 'the newest version'}; a real directory is left for you.`, safeToFix: true };
    default:
      return null;
  }
}

/**
 * `models/<name>/latest` is a folder, e.g. from importing a model.yaml with `version: latest`:
 * `bentoml models get <name>` fails with IsADirectoryError and BentoML never rewrites it. Its
 * content may be somebody's model, so repair leaves it (only a symlink is replaced).
 */
function latestDirProblem(modelsDir: string, name: string, target: string | null): StoreProblem {
  const rel = `models/${name}/latest`;
  const isLink = fs.lstatSync(path.join(modelsDir, name, 'latest'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  const then = target ? `, then run \`model-shelf repair\` to point it at ${target}` : '';
  return {
    kind: 'latest-not-file',
    path: rel,
    message: `${rel} is a ${isLink ? 'link to a folder' : 'folder'}, not the pointer file, so \`bentoml models get ${name}\` fails (IsADirectoryError) and BentoML cannot rewrite it.`,
    fix: isLink ? (target ? `Replace it with a plain file naming ${target}.` : 'Remove the link: no version can be loaded.') : `Move what you need out of it and remove the folder${then}; it is left for you.`,
    safeToFix: isLink,
  };
}

interface NamePlan {
  name: string;
  versions: string[];
  problems: StoreProblem[];
  /** `latest` is a directory (or a link to one): reported even when the name has no version. */
  latestIsDir: boolean;
}

function planName(modelsDir: string, name: string): NamePlan {
  const plan: NamePlan = { name, versions: [], problems: [], latestIsDir: false };
  for (const v of dirNames(path.join(modelsDir, name)) ?? []) {
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
    const read = readLatestSync(path.join(modelsDir, plan.name));
    const healthy = loaded.filter((l) => l.info !== null).map((l) => ({ version: l.version.version, creationTime: l.version.creationTime }));
    // What `get(name)` would give: the pointer, or what _recreate_latest picks (ties: first, §2.2).
    const recomputed = pickLatest(healthy, 'first');
    latest = read.version ?? recomputed;
    const problem = read.state === 'not-file' && plan.latestIsDir ? latestDirProblem(modelsDir, plan.name, recomputed) : latestProblem(plan.name, read, recomputed);
    if (problem) problems.push(problem);
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
