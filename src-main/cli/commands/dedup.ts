import type { Command } from 'commander';
import { ShelfError } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { DedupPlan, DedupResult } from '../../store/index.ts';
import type { CliContext } from '../cli-context.ts';
import { ExitStatus } from '../exit-status.ts';
import { toJson } from '../json-out.ts';
import { interruptSignal, progressBar } from '../progress-bar.ts';

const where = (f: { tag: string; path: string }): string => `${f.tag}/${f.path}`;

/** The plan as scripts read it: the same shape with and without --dry-run. */
function planJson(plan: DedupPlan): unknown {
  return {
    groups: plan.groups.map((g) => ({ sha256: g.sha256, size: g.size, keep: where(g.keep), replace: g.replace.map(where), frees: g.frees })),
    files: plan.files,
    frees: plan.frees,
    scannedFiles: plan.scannedFiles,
    hashedFiles: plan.hashedFiles,
    hashedBytes: plan.hashedBytes,
  };
}

/** Some duplicates were left as copies (changed after they were hashed, or could not be linked). */
export const EXIT_DEDUP_LEFT = 4;

export function registerDedup(program: Command, ctx: CliContext): void {
  program
    .command('dedup')
    .description('replace identical files across versions by reflinks (where the filesystem can clone) or hard links; each replacement is atomic')
    .option('--dry-run', 'only list the duplicates and what linking them would free')
    .option('--json', 'print one JSON object')
    .action(async (opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const { planDedup, applyDedup } = await (await import('../store-door.ts')).loadDedup();
      const bar = progressBar(ctx.io.stderr, 'dedup');
      const stop = interruptSignal();
      let plan: DedupPlan;
      let result: DedupResult | null = null;
      try {
        plan = await planDedup(store.paths, { signal: stop.signal, onProgress: bar.onProgress });
        if (!opts.dryRun) result = await applyDedup(store.paths, plan, { signal: stop.signal, onProgress: bar.onProgress, env: ctx.io.env });
      } catch (error) {
        if (stop.signal.aborted) throw new ShelfError('ABORTED', 'Interrupted; every file replaced so far is a complete link, the rest are untouched copies.', { cause: error });
        throw error;
      } finally {
        bar.clear();
        stop.dispose();
      }
      if (opts.json) {
        ctx.out(toJson({ dryRun: Boolean(opts.dryRun), ...(planJson(plan) as object), ...(result ? { replaced: result.replaced.map((r) => ({ file: where(r), keep: where(r.keep), method: r.method })), skipped: result.skipped.map((s) => ({ file: where(s), reason: s.reason })), freed: result.freed, method: result.method } : {}) }));
      } else printHuman(ctx, plan, result, Boolean(opts.dryRun));
      if ((result?.skipped.length ?? 0) > 0) throw new ExitStatus(EXIT_DEDUP_LEFT);
    });
}

function printHuman(ctx: CliContext, plan: DedupPlan, result: DedupResult | null, dryRun: boolean): void {
  for (const g of plan.groups) {
    ctx.out(`${humanSize(g.size)} ${g.sha256.slice(0, 12)}  keep ${where(g.keep)}`);
    for (const f of g.replace) ctx.out(`  ${dryRun ? 'would link' : 'link'} ${where(f)}`);
  }
  for (const s of result?.skipped ?? []) ctx.out(`skipped ${where(s)}: ${s.reason}`);
  const read = `hashed ${plan.hashedFiles} of ${plan.scannedFiles} files (${humanSize(plan.hashedBytes)}), only those whose size another file has`;
  if (plan.files === 0) return ctx.out(`No duplicate files across versions; ${read}.`);
  if (dryRun) return ctx.out(`${plan.files} duplicate file${plan.files === 1 ? '' : 's'} in ${plan.groups.length} group${plan.groups.length === 1 ? '' : 's'}; linking them would free ${humanSize(plan.frees)}; ${read}.`);
  const how = result?.method === 'reflink' ? 'reflinks (copy-on-write clones)' : 'hard links';
  ctx.out(`Replaced ${result?.replaced.length ?? 0} of ${plan.files} duplicate files by ${how}; ${humanSize(result?.freed ?? 0)} freed; ${read}.`);
}
