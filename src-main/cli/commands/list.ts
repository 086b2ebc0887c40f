import type { Command } from 'commander';
import { ShelfError } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import { isValidTagComponent, parseTag } from '../../shared/tag-rules.ts';
import type { CliContext } from '../cli-context.ts';
import { formatTable, localTime } from '../format-table.ts';
import { collectPair } from '../parse-pairs.ts';
import { JsonTextArena, versionJsonElement } from '../version-json-text.ts';
import type { ModelVersion, StoreProblem } from '../../shared/model-types.ts';
import type { StorePaths } from '../../store/index.ts';

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .alias('ls')
    .description('list model versions, newest first (like `bentoml models list`)')
    .argument('[name]', 'only versions of this model name')
    .option('--label <key=value>', 'only versions with this label (repeatable)', collectPair)
    .option('--json', 'print a JSON array')
    .action(async (name: string | undefined, opts: { label?: [string, string][]; json?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const parsed = name === undefined ? undefined : parseTag(name);
      const filterName = parsed?.name;
      if (opts.json) {
        await listJson(ctx, store.paths, filterName, parsed?.version ?? undefined, opts.label);
        return;
      }
      const listed = await store.list({
        ...(filterName !== undefined ? { name: filterName } : {}),
        ...(opts.label ? { labels: Object.fromEntries(opts.label) } : {}),
      });
      const { problems } = listed;
      // `list name:version` shows that one version, like `bentoml models list` (§8.1).
      const versions = parsed?.version ? listed.versions.filter((v) => v.version === parsed.version) : listed.versions;
      if (filterName !== undefined && listed.versions.length === 0 && !opts.label) {
        throw notFound(filterName, store.paths);
      }
      const rows = versions.map((v) => [
        v.tag,
        v.module,
        v.status === 'ok' ? humanSize(v.size) : '',
        localTime(v.creationTimeMs),
        v.status + (v.latest ? ' (latest)' : ''),
        Object.entries(v.labels).map(([k, val]) => `${k}=${val}`).join(', '),
      ]);
      if (rows.length === 0) {
        // A sentence, not a bare header: say where we looked and what was asked for.
        const labels = Object.entries(Object.fromEntries(opts.label ?? [])).map(([k, v]) => `${k}=${v}`);
        const named = name === undefined ? '' : ` named '${name}'`;
        const labelled = labels.length === 0 ? '' : ` with the label${labels.length > 1 ? 's' : ''} ${labels.join(', ')}`;
        ctx.out(`No models${named}${labelled} in ${store.paths.models}.`);
      } else {
        ctx.out(formatTable(['Tag', 'Module', 'Size', 'Creation Time', 'Status', 'Labels'], rows));
      }
      reportProblems(ctx, problems);
    });
}

// Broken entries go to stderr in both modes, so stdout stays a clean table or JSON array
// and scripts still hear about, say, a `models/.staging` that breaks `bentoml models list`.
function reportProblems(ctx: CliContext, problems: readonly StoreProblem[]): void {
  for (const p of problems) ctx.err(`! ${p.message}`);
  if (problems.length > 0) ctx.err('Run `model-shelf repair --dry-run` to see what can be fixed.');
}

function notFound(name: string, paths: StorePaths): ShelfError {
  return new ShelfError('NOT_FOUND', `There is no model named '${name}' in ${paths.models}. Run \`model-shelf list\` to see the models there.`);
}

/**
 * `list --json`: each version becomes its JSON text as soon as its name is read, kept as bytes
 * outside the heap, and the array is written in pieces, so 100,000 versions hold about a kilobyte
 * each, not their parsed model.yaml (issue 13). Same filters and output as the table's path through store.list.
 */
async function listJson(ctx: CliContext, paths: StorePaths, name: string | undefined, version: string | undefined, label: [string, string][] | undefined): Promise<void> {
  const { scanKeeping } = await import('../store-door.ts');
  const wanted = Object.entries(Object.fromEntries(label ?? []));
  const lower = name?.toLowerCase();
  // Each text goes into the arena at once: the scan keeps a number per version.
  const arena = new JsonTextArena();
  const keep = (v: ModelVersion): number | undefined =>
    (version === undefined || v.version === version) && wanted.every(([k, val]) => v.labels[k] === val) ? arena.add(versionJsonElement(v)) : undefined;
  // A name no directory can have (BentoML refuses it as a tag) has no versions and no problems.
  const { items, problems, seen } = lower !== undefined && !isValidTagComponent(lower) ? { items: [], problems: [], seen: 0 } : await scanKeeping(paths.home, lower, keep);
  if (name !== undefined && seen === 0 && !label) throw notFound(name, paths);
  arena.writeArray(items, (piece) => void ctx.io.stdout.write(piece));
  reportProblems(ctx, problems);
}
