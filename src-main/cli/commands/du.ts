import type { Command } from 'commander';
import type { DiskUsage } from '../../shared/housekeeping-types.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';
import { toJson } from '../json-out.ts';

// `model-shelf du [NAME] [--json]` (issue 11 §1): bytes as `du -sb` counts them. Human output
// rounds like the rest of the CLI; --json has every byte.

function usageRows(usage: DiskUsage): string[][] {
  const rows: string[][] = [];
  for (const m of usage.models) {
    rows.push([m.name, humanSize(m.bytes), humanSize(m.shared), humanSize(m.frees)]);
    for (const v of m.versions) rows.push([`  ${v.tag}`, humanSize(v.bytes), humanSize(v.shared), humanSize(v.frees)]);
  }
  return rows;
}

export function registerDu(program: Command, ctx: CliContext): void {
  program
    .command('du')
    .description('show where the disk space goes: per model and version, shared hard links, the trash and staging')
    .argument('[name]', 'only this model')
    .option('--json', 'print one JSON object (every figure in bytes)')
    .action(async (name: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const { diskUsage } = await import('../store-door.ts');
      const usage = await diskUsage(store.paths, name);
      for (const p of usage.unreadable) ctx.err(`! ${p} could not be read; its bytes are not counted.`);
      if (opts.json) return ctx.out(toJson(usage));
      if (usage.models.length > 0) ctx.out(formatTable(['Model / version', 'Size', 'Shared', 'Frees'], usageRows(usage)));
      else ctx.out(`No models in ${store.paths.models}.`);
      ctx.out('');
      ctx.out(`${usage.name === null ? 'models/' : `models/${usage.name}/`}: ${humanSize(usage.modelsBytes)}`);
      ctx.out(`trash: ${humanSize(usage.trashBytes)}${usage.trashBytes > 0 ? ' (`model-shelf trash empty` frees it)' : ''}`);
      ctx.out(`staging: ${humanSize(usage.stagingBytes)}`);
      ctx.out(`total: ${humanSize(usage.totalBytes)}`);
      ctx.out('Shared: bytes also hard-linked from elsewhere, which a delete keeps. Frees: what deleting it alone frees.');
    });
}
