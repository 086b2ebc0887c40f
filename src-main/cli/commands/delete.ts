import type { Command } from 'commander';
import { ShelfError } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { ModelStore } from '../../store/index.ts';
import type { CliContext } from '../cli-context.ts';
import { canPrompt, confirm } from '../confirm.ts';

// `bentoml models delete` joins its arguments and splits on ',' when there is one, otherwise
// on whitespace (§8.3), so `delete a:1,b:2` and `delete a:1 b:2` both work.
export function splitTargets(args: readonly string[]): string[] {
  const joined = args.join(' ');
  return (joined.includes(',') ? joined.split(',') : joined.split(/\s+/)).map((t) => t.trim()).filter((t) => t !== '');
}

/** The exact versions a delete would remove now, with their sizes for the question. */
async function describeTargets(store: ModelStore, targets: readonly string[]): Promise<{ tags: string[]; bytes: number }> {
  const tags = await store.deleteTargets([...targets]);
  const wanted = new Set(tags);
  const bytes = (await store.list()).versions.filter((v) => wanted.has(v.tag)).reduce((s, v) => s + v.size, 0);
  return { tags, bytes };
}

export function registerDelete(program: Command, ctx: CliContext): void {
  program
    .command('delete')
    .alias('rm')
    .description('delete model versions (NAME deletes every version of it)')
    .argument('<tags...>', 'NAME, NAME:VERSION, NAME:latest or a unique version prefix')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--trash', 'keep the versions in the trash so that `model-shelf trash restore` can bring them back')
    .option('--force', 'delete even when a local bento uses the model')
    .action(async (args: string[], opts: { yes?: boolean; trash?: boolean; force?: boolean }, cmd: Command) => {
      const targets = splitTargets(args);
      const store = await ctx.openStore(cmd);
      let exact: string[] | null = null;
      if (!opts.yes) {
        if (!canPrompt(ctx.io)) {
          throw new ShelfError('INVALID_ARGUMENT', `Nothing was deleted because there is no terminal to confirm on; pass --yes to delete ${targets.join(', ')}.`);
        }
        // Resolved once: exactly the versions named in the question are deleted, even if a
        // version is saved or `latest` moves while the question waits.
        const { tags, bytes } = await describeTargets(store, targets);
        const verb = opts.trash ? 'Move to the trash' : 'Delete for good';
        const ok = await confirm(ctx.io, `${verb} ${tags.length} version(s), ${humanSize(bytes)}: ${tags.join(', ')}?`);
        if (!ok) return ctx.err('Nothing was deleted.');
        exact = tags;
      }
      const flags = { ...(opts.trash ? { trash: true } : {}), ...(opts.force ? { force: true } : {}) };
      const result = exact === null ? await store.delete(targets, flags) : await store.delete(exact, { ...flags, exact: true });
      const trashedTags = new Set(result.trashed.map((t) => t.tag));
      for (const tag of result.deleted) if (!trashedTags.has(tag)) ctx.out(`Model(tag="${tag}") deleted.`);
      for (const t of result.trashed) ctx.out(`Model(tag="${t.tag}") moved to the trash as ${t.id}; \`model-shelf trash restore ${t.id}\` brings it back.`);
    });
}
