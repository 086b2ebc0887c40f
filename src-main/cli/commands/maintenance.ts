import type { Command } from 'commander';
import { humanSize } from '../../shared/human-size.ts';
import type { CliContext } from '../cli-context.ts';
import { ExitStatus } from '../exit-status.ts';
import { formatTable, localTime } from '../format-table.ts';
import { printRepair } from '../repair-report.ts';

export function registerMaintenance(program: Command, ctx: CliContext): void {
  program
    .command('repair')
    .description('fix what is safe to fix (stale `latest` files, leftovers of crashed sessions) and list the rest; exit 0 nothing wrong, 3 all fixed, 4 some left for you')
    .option('--dry-run', 'only say what would be done')
    .action(async (opts: { dryRun?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const dryRun = Boolean(opts.dryRun);
      const code = printRepair(await store.repair({ dryRun }), store.paths.home, dryRun, (line) => ctx.out(line));
      if (code !== 0) throw new ExitStatus(code);
    });

  const trash = program.command('trash').description('models deleted with --trash');
  trash
    .command('list')
    .description('list the trash')
    .action(async (_opts: unknown, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const entries = await store.listTrash();
      if (entries.length === 0) return ctx.out(`The trash in ${store.paths.trash} is empty.`);
      // Local time, like `list` (deletedAt is stored as UTC ISO text).
      ctx.out(formatTable(['Id', 'Tag', 'Size', 'Deleted At'], entries.map((e) => [e.id, e.kind === 'edit' ? `${e.tag} (model.yaml before an edit)` : e.tag, humanSize(e.size), localTime(Date.parse(e.deletedAt))])));
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
