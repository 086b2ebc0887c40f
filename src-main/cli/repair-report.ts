import type { RepairReport } from '../shared/model-types.ts';
import { EXIT_LEFT_FOR_YOU, EXIT_OK_NOTHING_WRONG, EXIT_REPAIRED } from './exit-status.ts';

// What `model-shelf repair` prints: each problem once, with what was done about it (after a run
// a fixed problem's `fix` says what was done, repair.ts), what would be done (dry run), or what
// is left for the user; then one summary line. Returns the fsck-style exit code (exit-status.ts).

const problems = (n: number): string => `${n} problem${n === 1 ? '' : 's'}`;

function summary(fixable: number, left: number, dryRun: boolean): string {
  if (dryRun) {
    const run = '`model-shelf repair`';
    if (left === 0) return `Found ${problems(fixable)}; ${run} fixes ${fixable === 1 ? 'it' : 'all of them'}.`;
    return `Found ${problems(fixable + left)}: ${run} fixes ${fixable}, ${left} ${left === 1 ? 'is' : 'are'} left for you.`;
  }
  if (left === 0) return `Fixed ${problems(fixable)}.`;
  return `${fixable > 0 ? `Fixed ${problems(fixable)}; ` : ''}${problems(left)} left for you (see above).`;
}

export function printRepair(report: RepairReport, home: string, dryRun: boolean, out: (line: string) => void): number {
  if (report.problems.length === 0) {
    out(`No problems found in ${home}.`);
    return EXIT_OK_NOTHING_WRONG;
  }
  for (const p of report.problems) out(`- ${p.message}\n  ${p.safeToFix ? (dryRun ? 'would fix' : 'fixed') : 'left for you'}: ${p.fix}`);
  const left = report.problems.filter((p) => !p.safeToFix).length;
  out(summary(report.problems.length - left, left, dryRun));
  return left > 0 ? EXIT_LEFT_FOR_YOU : EXIT_REPAIRED;
}
