import type { Command } from 'commander';
import { isShelfError, ShelfError } from '../../shared/errors.ts';
import type { MetadataValue } from '../../shared/model-types.ts';
import type { CliContext } from '../cli-context.ts';
import { collectPair, metadataValue } from '../parse-pairs.ts';
import { printEdit, printPromote } from './edit-output.ts';

// `label`, `metadata` and `promote` (issue 11 §5): change a saved version's labels and metadata,
// which BentoML itself cannot. TAG resolves like `get`; values follow the create rules
// (`create --label/--metadata`); each edit is one atomic replace of model.yaml with its undo in
// the trash (store/edit/).

interface EditOpts {
  set?: [string, string][];
  unset?: string[];
  json?: boolean;
}

/** A `--set KEY=JSON` value by the create rule; its advice names this command's option, not create's. */
function setValue(key: string, text: string): MetadataValue {
  try {
    return metadataValue(key, text);
  } catch (error) {
    if (!isShelfError(error)) throw error;
    throw new ShelfError(error.code, error.message.replace("--metadata '", "--set '"), error.details ? { details: { ...error.details } } : undefined);
  }
}

const collectKey = (value: string, previous: string[] = []): string[] => [...previous, value];

function requireSomething(opts: EditOpts, cmd: Command): void {
  if ((opts.set ?? []).length + (opts.unset ?? []).length === 0) {
    cmd.error('error: nothing to change; give at least one --set KEY=VALUE or --unset KEY', { exitCode: 2, code: 'usage' });
  }
}

export function registerLabelCommands(program: Command, ctx: CliContext): void {
  program
    .command('label')
    .description("set or remove labels of a saved model version (BentoML cannot); the old model.yaml goes to the trash for undo")
    .argument('<tag>', 'NAME, NAME:latest, NAME:VERSION or a unique version prefix (like `get`)')
    .option('--set <key=value>', 'set a label (repeatable)', collectPair)
    .option('--unset <key>', 'remove a label (repeatable)', collectKey)
    .option('--json', 'print what changed as JSON')
    .action(async (tag: string, opts: EditOpts, cmd: Command) => {
      requireSomething(opts, cmd);
      const store = await ctx.openStore(cmd);
      const { editModel } = await import('../../store/index.ts');
      const result = await editModel(store.paths, tag, { labels: { set: opts.set ?? [], unset: opts.unset ?? [] } });
      printEdit(result, Boolean(opts.json), (line) => ctx.out(line));
    });

  program
    .command('metadata')
    .description("set or remove metadata of a saved model version; values are read as Python's json.loads reads them, else text")
    .argument('<tag>', 'NAME, NAME:latest, NAME:VERSION or a unique version prefix (like `get`)')
    .option('--set <key=json>', 'set a metadata value (repeatable), e.g. accuracy=0.97, classes=\'["a","b"]\'', collectPair)
    .option('--unset <key>', 'remove a metadata key (repeatable)', collectKey)
    .option('--json', 'print what changed as JSON')
    .action(async (tag: string, opts: EditOpts, cmd: Command) => {
      requireSomething(opts, cmd);
      // Values first: a refused value must not get as far as opening the store.
      const set: [string, MetadataValue][] = (opts.set ?? []).map(([k, v]) => [k, setValue(k, v)]);
      const store = await ctx.openStore(cmd);
      const { editModel } = await import('../../store/index.ts');
      const result = await editModel(store.paths, tag, { metadata: { set, unset: opts.unset ?? [] } });
      printEdit(result, Boolean(opts.json), (line) => ctx.out(line));
    });

  program
    .command('promote')
    .description('move a label value to this version: set it here and remove it from the other versions of the same name that carry it')
    .argument('<tag>', 'NAME, NAME:latest, NAME:VERSION or a unique version prefix (like `get`)')
    .requiredOption('--label <key=value>', 'the label to move, e.g. stage=prod (repeatable)', collectPair)
    .option('--json', 'print what changed as JSON')
    .action(async (tag: string, opts: { label: [string, string][]; json?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const { promoteModel } = await import('../../store/index.ts');
      printPromote(await promoteModel(store.paths, tag, opts.label), Boolean(opts.json), (line) => ctx.out(line));
    });
}
