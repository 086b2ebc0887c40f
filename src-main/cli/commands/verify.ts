import type { Command } from 'commander';
import { humanSize } from '../../shared/human-size.ts';
import type { VerifyResult } from '../../store/index.ts';
import type { CliContext } from '../cli-context.ts';
import { ExitStatus } from '../exit-status.ts';
import { toJson } from '../json-out.ts';
import { interruptSignal, progressBar } from '../progress-bar.ts';
import { ShelfError } from '../../shared/errors.ts';

/** Some version's files differ from its manifest (changed, missing or appeared). */
export const EXIT_VERIFY_CHANGED = 3;
/** Nothing differs, but some version could not be verified (incomplete, or deleted meanwhile). */
export const EXIT_VERIFY_SKIPPED = 4;

function describe(r: VerifyResult): string[] {
  const size = `${r.files} file${r.files === 1 ? '' : 's'}, ${humanSize(r.bytes)}`;
  const when = r.atSave ? `manifest recorded at save time, ${r.recordedAt}` : `manifest recorded after the save, by ${r.recordedBy}, ${r.recordedAt}`;
  const since = r.atSave ? 'as saved' : r.recordedBy === 'dedup' ? `as recorded by dedup at ${r.recordedAt}` : `as first verified at ${r.recordedAt}`;
  if (r.state === 'intact') return [`intact    ${r.tag} (${size}; ${since})`];
  if (r.state === 'recorded') return [`recorded  ${r.tag} (${size}; no manifest yet: recorded now, not at save time)`];
  if (r.state === 'skipped') return [`skipped   ${r.tag}: ${r.note ?? ''}`];
  return [
    `CHANGED   ${r.tag} (${when})`,
    ...r.changed.map((p) => `  changed:  ${p}`),
    ...r.missing.map((p) => `  missing:  ${p}`),
    ...r.appeared.map((p) => `  appeared: ${p}`),
  ];
}

export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('hash the files of versions again and compare them with their SHA-256 manifests; a version without one gets it now (written in .model-shelf/ only); exit 0 intact, 3 something changed, 4 some not verified')
    .argument('[tags...]', 'versions to verify (default: every version)')
    .option('--json', 'print one JSON object')
    .action(async (tags: string[], opts: { json?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const { verifyVersions, versionsToVerify } = await (await import('../store-door.ts')).loadIntegrity();
      const versions = await versionsToVerify(store.paths, tags);
      const bar = progressBar(ctx.io.stderr, 'verify');
      const stop = interruptSignal();
      let results: VerifyResult[];
      try {
        results = await verifyVersions(store.paths, versions, { signal: stop.signal, onProgress: bar.onProgress });
      } catch (error) {
        if (stop.signal.aborted) throw new ShelfError('ABORTED', 'Interrupted; no manifest was changed by the versions not yet verified.', { cause: error });
        throw error;
      } finally {
        bar.clear();
        stop.dispose();
      }
      const count = (state: VerifyResult['state']): number => results.filter((r) => r.state === state).length;
      const totals = { intact: count('intact'), changed: count('changed'), recorded: count('recorded'), skipped: count('skipped') };
      if (opts.json) ctx.out(toJson({ versions: results, ...totals }));
      else {
        for (const r of results) for (const line of describe(r)) ctx.out(line);
        ctx.out(`${results.length} version${results.length === 1 ? '' : 's'}: ${totals.intact} intact, ${totals.changed} changed, ${totals.recorded} recorded now, ${totals.skipped} not verified.`);
      }
      if (totals.changed > 0) throw new ExitStatus(EXIT_VERIFY_CHANGED);
      if (totals.skipped > 0) throw new ExitStatus(EXIT_VERIFY_SKIPPED);
    });
}
