import type { Command } from 'commander';
import { isShelfError, ShelfError } from '../../shared/errors.ts';
import type { MetadataValue } from '../../shared/model-types.ts';
import type { EditRequest } from '../../store/index.ts';
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

/** What differs between `label` and `metadata`: the words, how a --set value is read and the edit asked. */
interface EditCommand<V> {
  readonly name: string;
  readonly description: string;
  readonly setFlag: string;
  readonly setHelp: string;
  readonly unsetHelp: string;
  /** Reads one --set value; throws a ShelfError for a refused one. */
  readonly value: (key: string, text: string) => V;
  /** The edit asked of the store. */
  readonly request: (set: [string, V][], unset: string[]) => EditRequest;
}

function registerEditCommand<V>(program: Command, ctx: CliContext, spec: EditCommand<V>): void {
  program
    .command(spec.name)
    .description(spec.description)
    .argument('<tag>', 'NAME, NAME:latest, NAME:VERSION or a unique version prefix (like `get`)')
    .option(spec.setFlag, spec.setHelp, collectPair)
    .option('--unset <key>', spec.unsetHelp, collectKey)
    .option('--json', 'print what changed as JSON')
    .action(async (tag: string, opts: EditOpts, cmd: Command) => {
      requireSomething(opts, cmd);
      // Values first: a refused value must not get as far as opening the store.
      const set: [string, V][] = (opts.set ?? []).map(([k, v]) => [k, spec.value(k, v)]);
      const store = await ctx.openStore(cmd);
      const { editModel } = await import('../store-door.ts');
      const result = await editModel(store.paths, tag, spec.request(set, opts.unset ?? []));
      printEdit(result, Boolean(opts.json), (line) => ctx.out(line));
    });
}

export function registerLabelCommands(program: Command, ctx: CliContext): void {
  registerEditCommand(program, ctx, {
    name: 'label',
    description: "set or remove labels of a saved model version (BentoML cannot); the old model.yaml goes to the trash for undo",
    setFlag: '--set <key=value>',
    setHelp: 'set a label (repeatable)',
    unsetHelp: 'remove a label (repeatable)',
    value: (_key, text) => text,
    request: (set, unset) => ({ labels: { set, unset } }),
  });

  registerEditCommand(program, ctx, {
    name: 'metadata',
    description: "set or remove metadata of a saved model version; values are read as Python's json.loads reads them, else text",
    setFlag: '--set <key=json>',
    setHelp: 'set a metadata value (repeatable), e.g. accuracy=0.97, classes=\'["a","b"]\'',
    unsetHelp: 'remove a metadata key (repeatable)',
    value: setValue,
    request: (set, unset) => ({ metadata: { set, unset } }),
  });

  program
    .command('promote')
    .description('move a label value to this version: set it here and remove it from the other versions of the same name that carry it')
    .argument('<tag>', 'NAME, NAME:latest, NAME:VERSION or a unique version prefix (like `get`)')
    .requiredOption('--label <key=value>', 'the label to move, e.g. stage=prod (repeatable)', collectPair)
    .option('--json', 'print what changed as JSON')
    .action(async (tag: string, opts: { label: [string, string][]; json?: boolean }, cmd: Command) => {
      const store = await ctx.openStore(cmd);
      const { promoteModel } = await import('../store-door.ts');
      printPromote(await promoteModel(store.paths, tag, opts.label), Boolean(opts.json), (line) => ctx.out(line));
    });
}
