import type { Command } from 'commander';
import { isShelfError, ShelfError } from '../../shared/errors.ts';
import type { PruneReport, PruneRules } from '../../shared/housekeeping-types.ts';
import { humanSize } from '../../shared/human-size.ts';
import { checkRules, parseDuration } from '../../shared/prune-rules.ts';
import type { CliContext } from '../cli-context.ts';
import { canPrompt, confirm } from '../confirm.ts';
import { ExitStatus } from '../exit-status.ts';
import { toJson } from '../json-out.ts';

// `model-shelf prune [NAME...] [--keep-last N] [--older-than DURATION] [--label KEY=VALUE]...
// [--dry-run] [--trash] [--yes] [--json]` (issue 11 §2). The dry run prints the plan; the real run
// applies exactly that plan (store/prune/). Both print the same report, and --json the same object.
// A prune that removes nothing says so and exits 0.

interface PruneOptions {
  keepLast?: string[];
  olderThan?: string[];
  label?: string[];
  dryRun?: boolean;
  trash?: boolean;
  yes?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A usage error: one sentence on stderr, exit 2, nothing read or changed. */
function usage(ctx: CliContext, sentence: string): never {
  ctx.err(`Error: ${sentence}`);
  throw new ExitStatus(2);
}

function single(ctx: CliContext, flag: string, values: string[] | undefined): string | undefined {
  const distinct = [...new Set(values ?? [])];
  if (distinct.length > 1) usage(ctx, `${flag} was given twice with different values (${distinct.join(' and ')}); give it once.`);
  return distinct[0];
}

function rulesFrom(ctx: CliContext, names: string[], opts: PruneOptions): PruneRules {
  if (opts.dryRun && opts.yes) usage(ctx, '--dry-run changes nothing, so there is nothing for --yes to confirm; give one of them.');
  const keepText = single(ctx, '--keep-last', opts.keepLast);
  const ageText = single(ctx, '--older-than', opts.olderThan);
  const labels: Record<string, string> = {};
  for (const pair of opts.label ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) usage(ctx, `--label takes KEY=VALUE, for example --label stage=dev, not '${pair}'.`);
    const [key, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (key in labels && labels[key] !== value) usage(ctx, `--label ${key} was given twice with different values (${labels[key]} and ${value}); no version can carry both.`);
    labels[key] = value;
  }
  if (keepText !== undefined && !/^\d+$/.test(keepText)) usage(ctx, `--keep-last takes a whole number of at least 1, not '${keepText}'.`);
  try {
    return checkRules({
      names,
      ...(keepText === undefined ? {} : { keepLast: Number(keepText) }),
      ...(ageText === undefined ? {} : { olderThanMs: parseDuration(ageText) }),
      ...(Object.keys(labels).length === 0 ? {} : { labels }),
      ...(opts.trash ? { trash: true } : {}),
    });
  } catch (error) {
    if (isShelfError(error) && error.code === 'INVALID_ARGUMENT') usage(ctx, error.message);
    throw error;
  }
}

function printReport(out: (line: string) => void, report: PruneReport, mode: 'plan' | 'done'): void {
  const n = report.remove.length;
  const versions = `${n} version${n === 1 ? '' : 's'}`;
  const freed = report.trash ? `${humanSize(report.frees)}, freed when the trash is emptied` : humanSize(report.frees);
  if (n === 0) out(mode === 'plan' ? 'Nothing to prune: no version matches the rules.' : 'Nothing was pruned.');
  else if (mode === 'plan') out(`Would ${report.trash ? 'move' : 'remove'} ${versions}${report.trash ? ' to the trash' : ''} (${freed}):`);
  else out(`${report.trash ? 'Moved' : 'Removed'} ${versions}${report.trash ? ' to the trash' : ''} (${freed}):`);
  for (const r of report.remove) out(`  - ${r.tag}  ${humanSize(r.bytes)}`);
  // Protections and changes one by one; versions kept only by the rules as counts (--json lists them).
  const byRule = new Map<string, number>();
  const special = report.keep.filter((k) => {
    if (k.reason === 'keep-last' || k.reason === 'newer' || k.reason === 'label') {
      byRule.set(k.reason, (byRule.get(k.reason) ?? 0) + 1);
      return false;
    }
    return true;
  });
  if (special.length > 0) out('Kept:');
  for (const k of special) out(`  = ${k.tag}  ${k.reason}: ${k.detail}`);
  const rules = [...byRule].map(([reason, count]) => `${count} by ${reason === 'keep-last' ? '--keep-last' : reason === 'newer' ? '--older-than' : '--label'}`);
  if (rules.length > 0) out(`Kept by the rules: ${rules.join(', ')} (--json lists each).`);
}

export function registerPrune(program: Command, ctx: CliContext): void {
  program
    .command('prune')
    .description('remove old versions by rules; never a latest, a version a bento uses, or one being written')
    .argument('[names...]', 'only these models (default: every model)')
    .option('--keep-last <n>', 'keep the newest N versions of each model', collect)
    .option('--older-than <duration>', 'remove only versions older than this (90m, 12h, 30d, 2w)', collect)
    .option('--label <key=value>', 'remove only versions with this label (repeatable: all must match)', collect)
    .option('--dry-run', 'only print what would be removed')
    .option('--trash', 'move the versions to the trash (`model-shelf trash restore` brings them back)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print one JSON object: {"remove": [{"tag", "bytes"}], "keep": [{"tag", "reason"}], "frees": N}')
    .action(async (names: string[], opts: PruneOptions, cmd: Command) => {
      const rules = rulesFrom(ctx, names, opts);
      const store = await ctx.openStore(cmd);
      const { applyPrune, planPrune } = await (await import('../store-door.ts')).loadPrune();
      const plan = await planPrune(store.paths, rules);
      const print = (report: PruneReport, mode: 'plan' | 'done'): void => {
        if (opts.json) ctx.out(toJson({ remove: report.remove, keep: report.keep.map(({ tag, reason }) => ({ tag, reason })), frees: report.frees }));
        else printReport((line) => ctx.out(line), report, mode);
      };
      if (opts.dryRun || plan.remove.length === 0) return print(plan, 'plan');
      if (!opts.yes) {
        if (!canPrompt(ctx.io)) {
          throw new ShelfError('INVALID_ARGUMENT', `Nothing was pruned because there is no terminal to confirm on; run with --dry-run to see the ${plan.remove.length} version(s) it would remove, then with --yes.`);
        }
        // With --json, stdout stays one JSON object: the list for the question goes to stderr.
        printReport((line) => (opts.json ? ctx.err(line) : ctx.out(line)), plan, 'plan');
        const ok = await confirm(ctx.io, `${plan.trash ? 'Move' : 'Remove'} these ${plan.remove.length} version(s)${plan.trash ? ' to the trash' : ' for good'}?`);
        if (!ok) return ctx.err('Nothing was pruned.');
      }
      print(await applyPrune(store.paths, plan), 'done');
    });
}
