import type { Command } from 'commander';
import { humanSize } from '../../shared/human-size.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';

export function registerMaintenance(program: Command, ctx: CliContext): void {
  program
    .command('repair')
    .description('fix what is safe to fix (stale `latest` files, leftovers of crashed sessions) and list the rest')
    .option('--dry-run', 'only say what would be done')
    .action(async (opts: { dryRun?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const report = await store.repair({ dryRun: Boolean(opts.dryRun) });
      if (report.problems.length === 0) return ctx.out(`No problems found in ${store.paths.home}.`);
      for (const p of report.problems) {
        const action = p.safeToFix ? (opts.dryRun ? 'would fix' : 'fixed') : 'left for you';
        ctx.out(`- ${p.message}\n  ${action}: ${p.fix}`);
      }
      for (const sentence of report.fixed) ctx.out(`Fixed: ${sentence}`);
    });

  const trash = program.command('trash').description('models deleted with --trash');
  trash
    .command('list')
    .description('list the trash')
    .action(async (_opts: unknown, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const entries = await store.listTrash();
      ctx.out(formatTable(['Id', 'Tag', 'Size', 'Deleted At'], entries.map((e) => [e.id, e.tag, humanSize(e.size), e.deletedAt])));
    });
  trash
    .command('restore')
    .description('put trashed versions back into the store')
    .argument('<ids...>', 'ids from `model-shelf trash list`')
    .action(async (ids: string[], _opts: unknown, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      for (const v of await store.restore(ids)) ctx.out(v.tag);
    });
  trash
    .command('empty')
    .description('delete everything in the trash for good')
    .action(async (_opts: unknown, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const { freed } = await store.emptyTrash();
      ctx.out(`Emptied the trash; ${humanSize(freed)} freed.`);
    });
}
