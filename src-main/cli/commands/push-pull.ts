import type { Command } from 'commander';
import { ShelfError } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { ProgressEvent } from '../../shared/model-types.ts';
import type { CliContext } from '../cli-context.ts';
import { interruptSignal, progressBar } from '../progress-bar.ts';
import { localStore } from './remote.ts';

const remoteLayer = () => import('../../remote/index.ts');

/** What a push did to the checksum record of a version the remote already had. */
function recordNote(x: { recordWritten?: boolean; recordReplaced?: 'damaged' | 'stale' }): string {
  if (!x.recordWritten) return '';
  if (x.recordReplaced === 'damaged') return '; its damaged record was written again';
  if (x.recordReplaced === 'stale') return '; its out-of-date record was written again';
  return '; its missing record was written';
}

/** Ctrl-C aborts the transfer; one progress bar per version, with speed and time left. */
async function transfer<T>(ctx: CliContext, run: (o: { signal: AbortSignal; onStart: (tag: string) => void; onProgress: (e: ProgressEvent) => void }) => Promise<T>): Promise<T> {
  const stop = interruptSignal();
  const current: { bar: ReturnType<typeof progressBar> | null } = { bar: null };
  try {
    return await run({
      signal: stop.signal,
      onStart: (tag) => {
        current.bar?.clear();
        current.bar = progressBar(ctx.io.stderr, tag, { rate: true });
      },
      onProgress: (e) => current.bar?.onProgress(e),
    });
  } finally {
    current.bar?.clear();
    stop.dispose();
  }
}

export function registerPushPull(program: Command, ctx: CliContext): void {
  program
    .command('push')
    .description('upload model versions to a remote as BentoML archives (s3://.../NAME/VERSION.bentomodel) that `bentoml models import` reads')
    .argument('<tag...>', 'the versions (a bare name is the newest local version)')
    .requiredOption('--to <remote>', 'the remote (see `model-shelf remote list`)')
    .action(async (tags: string[], opts: { to: string }, cmd: Command) => {
      const r = await remoteLayer();
      const store = await localStore(ctx, cmd);
      if (!(await store.exists())) throw new ShelfError('NOT_FOUND', `There is no model store at ${store.paths.models}; point --home or BENTOML_HOME at the store to push from.`);
      const results = await transfer(ctx, (o) => r.push(r.remotesFile(ctx.io.env), opts.to, store, tags, { ...o, env: ctx.io.env }));
      for (const x of results) ctx.out(x.outcome === 'already-there' ? `${x.tag} already there${recordNote(x)}: ${x.uri}` : `Pushed ${x.tag} to ${x.uri} (${humanSize(x.bytes)}, sha256 ${x.sha256 ?? ''}).`);
    });

  program
    .command('pull')
    .description('download model versions from a remote into the local store (checked against their SHA-256, never partial)')
    .argument('<tag...>', 'the versions (a bare name is the newest version on the remote)')
    .requiredOption('--from <remote>', 'the remote (see `model-shelf remote list`)')
    .action(async (tags: string[], opts: { from: string }, cmd: Command) => {
      const r = await remoteLayer();
      const store = await localStore(ctx, cmd);
      const results = await transfer(ctx, (o) =>
        r.pull(r.remotesFile(ctx.io.env), opts.from, store, tags, { ...o, env: ctx.io.env, onResume: (tag, bytes) => ctx.err(`Resuming the download of ${tag} at ${humanSize(bytes)}.`) }),
      );
      for (const x of results) ctx.out(x.outcome === 'already-there' ? `${x.tag} already there.` : `Pulled ${x.tag} from ${x.uri} (${humanSize(x.bytes)}).`);
    });
}
