import { Option, type Command } from 'commander';
import { ShelfError } from '../../shared/errors.ts';
import type { Metadata } from '../../shared/model-types.ts';
import type { CliContext } from '../cli-context.ts';
import { collectPair, metadataValue } from '../parse-pairs.ts';
import { interruptSignal, progressBar } from '../progress-bar.ts';

interface CreateOpts {
  root?: string;
  label?: [string, string][];
  metadata?: [string, string][];
  move?: boolean;
  dedup?: boolean;
  manifest?: 'save' | 'later';
}

export function registerCreate(program: Command, ctx: CliContext): void {
  program
    .command('create')
    .description('add files and folders as a new model version (like bentoml.models.create); prints the tag last')
    .argument('<tag>', 'NAME or NAME:VERSION (a version is generated when left out)')
    .argument('[paths...]', 'files and folders to put into the version')
    .option('--root <dir>', "put the CONTENTS of this folder at the version's top level")
    .option('--label <key=value>', 'a label (repeatable)', collectPair)
    .option('--metadata <key=value>', "a metadata value, read as Python's json.loads reads it, else text (repeatable)", collectPair)
    .option('--move', 'move the files instead of copying them (same disk only)')
    .option('--dedup', 'store a file identical to one already in the store as a link to it (see `dedup`)')
    .addOption(
      new Option('--manifest <when>', "when to record the SHA-256 manifest: 'save' hashes every byte while copying; 'later' copies without hashing (faster) and leaves it to the first `verify`")
        .choices(['save', 'later'])
        .default('save'),
    )
    .action(async (tag: string, paths: string[], opts: CreateOpts, cmd: Command) => {
      if (paths.length === 0 && opts.root === undefined) cmd.error('error: give at least one PATH or --root DIR', { exitCode: 2, code: 'usage' });
      if (opts.manifest === 'later' && opts.dedup) cmd.error('error: --dedup needs the hash of every file at save time, so it cannot go with --manifest later; leave one of them out.', { exitCode: 2, code: 'usage' });
      // Values first: a refused value must not get as far as opening the store.
      const metadata: Metadata = Object.fromEntries((opts.metadata ?? []).map(([k, v]) => [k, metadataValue(k, v)]));
      const store = await ctx.openStore(cmd);
      const session = await store.begin({ tag, labels: Object.fromEntries(opts.label ?? []), metadata, ...(opts.dedup ? { dedup: true } : {}), ...(opts.manifest === 'later' ? { manifest: 'later' } : {}) });
      const bar = progressBar(ctx.io.stderr, session.tag);
      const stop = interruptSignal();
      const common = { mode: opts.move ? 'move' : 'copy', signal: stop.signal, onProgress: bar.onProgress } as const;
      try {
        const kept: string[] = [];
        if (opts.root !== undefined) kept.push(...(await session.add([ctx.resolvePath(opts.root)], { ...common, root: true })).kept);
        if (paths.length > 0) kept.push(...(await session.add(paths.map((p) => ctx.resolvePath(p)), common)).kept);
        stop.signal.throwIfAborted();
        const version = await session.commit();
        bar.clear();
        // Tag() lowercases too ("Converting 'Iris-CLF' to lowercase"); say so, on stderr, so that
        // the tag stays the last line of stdout for scripts.
        if (tag !== tag.toLowerCase()) ctx.err(`'${tag}' was saved as '${tag.toLowerCase()}' (BentoML tags are lowercase).`);
        // --move copies a file that has other hard links and leaves it in place (copy-tree.ts).
        if (kept.length > 0) ctx.err(`Left in place (other hard links share their data, so they were copied, not moved): ${kept.map((k) => `'${k}'`).join(', ')}.`);
        ctx.out(version.tag);
      } catch (error) {
        bar.clear();
        await session.abort().catch(() => {});
        if (stop.signal.aborted) throw new ShelfError('ABORTED', 'Interrupted; the model was not created and nothing was left behind.', { cause: error });
        throw error;
      } finally {
        stop.dispose();
      }
    });
}
