import path from 'node:path';
import { isShelfError } from '../../shared/errors.ts';
import type { RepairReport, StoreProblem } from '../../shared/model-types.ts';
import { fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { recomputeLatest } from '../latest/latest-rule.ts';
import { leftoverItems, type RepairItem } from './repair-leftovers.ts';
import { scanStore } from '../read/scan.ts';
import { withNameLock } from '../paths/store-lock.ts';

// `repair` reports every problem of the store and fixes only what cannot lose anybody's data:
// `latest` pointers (format spec §2.2) and Model Shelf's own leftovers whose owner is gone
// (repair-leftovers.ts; another machine's only once untouched for a day: its pid cannot be
// checked from here). Versions and unknown directories under `models/` are a person's decision
// (§9.3).
//
// After a run (not a dry run) each problem says what became of it: a fixed one carries what was
// done as its `fix`; one whose fix failed is left for the user (`safeToFix: false`) with the
// reason. So a report is printed with each fix once, and "left for you" means exactly that.

const LATEST_KINDS = new Set<StoreProblem['kind']>(['latest-missing', 'latest-empty', 'latest-stale', 'latest-newline', 'latest-not-file']);

function latestItem(paths: StorePaths, problem: StoreProblem): RepairItem | null {
  if (!LATEST_KINDS.has(problem.kind) || !problem.safeToFix) return null;
  const parts = problem.path.split('/');
  const name = parts[0] === 'models' ? parts[1] : undefined;
  if (name === undefined) return null;
  const nameDir = path.join(paths.models, name);
  return { problem, fix: () => withNameLock(paths, name, () => recomputeLatest(nameDir)) };
}

function failure(error: unknown, where: string, home: string): string {
  const sentence = (isShelfError(error) ? error : fsError(error, where, 'delete', home)).message;
  return `Repair could not fix it: ${sentence}`;
}

async function run(paths: StorePaths, item: RepairItem): Promise<{ problem: StoreProblem; fixed: string | null }> {
  try {
    const said = await item.fix();
    const done = said === null || said.endsWith('.') ? said : `${said}.`;
    // Null: nothing needed doing any more (fixed meanwhile); the planned fix still describes it.
    return { problem: done === null ? item.problem : { ...item.problem, fix: done }, fixed: done };
  } catch (error) {
    return { problem: { ...item.problem, safeToFix: false, fix: failure(error, path.resolve(paths.home, item.problem.path), paths.home) }, fixed: null };
  }
}

export async function repairStore(paths: StorePaths, opts: { dryRun?: boolean } = {}): Promise<RepairReport> {
  const scanned = await scanStore(paths.home);
  const own = await leftoverItems(paths, opts);
  const seen = new Set(own.map((o) => o.problem.path));
  // The scan's problems already carry the advice `list` and the window show (problem-advice.ts).
  const found = scanned.problems.filter((p) => !seen.has(p.path));
  const items: (RepairItem | StoreProblem)[] = [...found.map((p) => latestItem(paths, p) ?? p), ...own];
  if (opts.dryRun) return { problems: items.map((i) => ('problem' in i ? i.problem : i)), fixed: [] };
  const problems: StoreProblem[] = [];
  const fixed: string[] = [];
  for (const i of items) {
    if (!('problem' in i)) {
      problems.push(i);
      continue;
    }
    const outcome = await run(paths, i);
    problems.push(outcome.problem);
    if (outcome.fixed !== null) fixed.push(outcome.fixed);
  }
  return { problems, fixed };
}
