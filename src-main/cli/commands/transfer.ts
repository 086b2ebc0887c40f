import type { Command } from 'commander';
import { ShelfError } from '../../shared/errors.ts';
import type { CliContext } from '../cli-context.ts';
import { interruptSignal, progressBar } from '../progress-bar.ts';

async function withProgress<T>(ctx: CliContext, label: string, what: string, run: (o: { signal: AbortSignal; onProgress: ReturnType<typeof progressBar>['onProgress'] }) => Promise<T>): Promise<T> {
  const bar = progressBar(ctx.io.stderr, label);
  const stop = interruptSignal();
  try {
    return await run({ signal: stop.signal, onProgress: bar.onProgress });
  } catch (error) {
    if (stop.signal.aborted) throw new ShelfError('ABORTED', `Interrupted; ${what}`, { cause: error });
    throw error;
  } finally {
    bar.clear();
    stop.dispose();
  }
}

export function registerTransfer(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write a model version to an archive; prints the archive path (.bentomodel = xz tar, or .tar, .tar.gz, .tar.xz, .zip by extension; .tar.zst = zstd tar, much faster, for Model Shelf only: BentoML cannot import it)')
    .argument('<tag>', 'the model')
    .argument('[out]', 'file or existing folder (default: the current folder)')
    .action(async (tag: string, out: string | undefined, _opts: unknown, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const version = await store.resolve(tag);
      const file = await withProgress(ctx, version.tag, 'no archive was written.', (o) => store.export(version.tag, out === undefined ? ctx.io.cwd + '/' : ctx.resolvePath(out) + (/[\\/]$/.test(out) ? '/' : ''), o));
      ctx.out(file);
    });

  program
    .command('import')
    .description('add a model from an archive made by `bentoml models export` or `model-shelf export`, or from a saved model folder (model.yaml at its root); prints the tag')
    .argument('<file>', '.bentomodel, .tar, .tar.gz, .tar.xz, .tar.bz2, .tar.zst or .zip, or a folder holding a model.yaml')
    .option('--dedup', 'store a file identical to one already in the store as a link to it (see `dedup`)')
    .action(async (file: string, opts: { dedup?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const version = await withProgress(ctx, 'import', 'nothing was added to the store.', (o) => store.import(ctx.resolvePath(file), { ...o, dedup: opts.dedup === true }));
      ctx.out(version.tag);
    });
}
