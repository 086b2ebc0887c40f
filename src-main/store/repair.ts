import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { RepairReport, StoreProblem } from '../shared/model-types.ts';
import type { StorePaths } from './home.ts';
import { recomputeLatest } from './latest-rule.ts';
import { scanStore } from './scan.ts';
import { listStaging, removeStaging, stagingHost } from './staging-area.ts';
import { isStaleOwner, readLockOwner, withNameLock } from './store-lock.ts';

// `repair` reports every problem of the store and fixes only what cannot lose anybody's data:
// `latest` pointers (format spec §2.2), Model Shelf's own leftovers in `.model-shelf/` (another
// machine's staging only once untouched for a day: its pid cannot be checked from here).
// Versions and unknown directories under `models/` are a person's decision (§9.3).

const LATEST_KINDS = new Set<StoreProblem['kind']>(['latest-missing', 'latest-empty', 'latest-stale', 'latest-newline', 'latest-not-file']);

function rel(paths: StorePaths, p: string): string {
  return path.relative(paths.home, p).split(path.sep).join('/');
}

/** Problems in Model Shelf's private area: orphaned staging, stale locks, broken trash items. */
async function privateProblems(paths: StorePaths): Promise<{ problem: StoreProblem; fix: () => Promise<string> }[]> {
  const out: { problem: StoreProblem; fix: () => Promise<string> }[] = [];
  for (const entry of await listStaging(paths)) {
    if (entry.alive) continue;
    const where = rel(paths, entry.dir);
    out.push({
      problem: {
        kind: 'orphaned-staging',
        path: where,
        message:
          entry.host === stagingHost()
            ? `${where} was left behind by a Model Shelf process that is no longer running (an interrupted ${entry.kind}).`
            : `${where} was left by Model Shelf on ${entry.host === '' ? 'an unknown machine' : `machine '${entry.host}'`} and has not changed for more than a day (an interrupted ${entry.kind}).`,
        fix: 'Remove it; it never became part of the store.',
        safeToFix: true,
      },
      fix: async () => {
        await removeStaging(paths, entry.dir);
        return `Removed ${where}.`;
      },
    });
  }
  const locks = await fsp.readdir(paths.locks).catch(() => [] as string[]);
  for (const name of locks) {
    const file = path.join(paths.locks, name);
    const isLock = name.endsWith('.lock');
    if (isLock && !isStaleOwner(await readLockOwner(file))) continue;
    // Temp and set-aside files of a lock being taken right now live for milliseconds.
    const age = Date.now() - ((await fsp.lstat(file).catch(() => null))?.mtimeMs ?? 0);
    if (!isLock && age < 60_000) continue;
    // Not a problem of the store itself: cleaned quietly.
    out.push({
      problem: { kind: 'orphaned-staging', path: rel(paths, file), message: `${rel(paths, file)} is a lock left by a process that is gone.`, fix: 'Remove it.', safeToFix: true },
      fix: async () => {
        await fsp.rm(file, { force: true });
        return `Removed the stale lock ${rel(paths, file)}.`;
      },
    });
  }
  return out;
}

function latestFix(paths: StorePaths, problem: StoreProblem): (() => Promise<string>) | null {
  if (!LATEST_KINDS.has(problem.kind)) return null;
  const parts = problem.path.split('/');
  const name = parts[0] === 'models' ? parts[1] : undefined;
  if (name === undefined) return null;
  const nameDir = path.join(paths.models, name);
  return async () => (await withNameLock(paths, name, () => recomputeLatest(nameDir))) ?? '';
}

export async function repairStore(paths: StorePaths, opts: { dryRun?: boolean } = {}): Promise<RepairReport> {
  const scanned = await scanStore(paths.home);
  const own = await privateProblems(paths);
  const seen = new Set(own.map((o) => o.problem.path));
  // The scan's problems already carry the advice `list` and the window show (problem-advice.ts).
  const problems = [...scanned.problems.filter((p) => !seen.has(p.path)), ...own.map((o) => o.problem)];
  if (opts.dryRun) return { problems, fixed: [] };
  const fixes: (() => Promise<string>)[] = [];
  const fixedNames = new Set<string>();
  for (const problem of scanned.problems) {
    const fix = latestFix(paths, problem);
    const name = problem.path.split('/')[1] ?? '';
    if (fix && !fixedNames.has(name)) {
      fixedNames.add(name);
      fixes.push(fix);
    }
  }
  fixes.push(...own.map((o) => o.fix));
  const fixed: string[] = [];
  for (const fix of fixes) {
    const sentence = await fix();
    if (sentence !== '') fixed.push(sentence);
  }
  return { problems, fixed };
}
