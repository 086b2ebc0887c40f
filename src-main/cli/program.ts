import { Command, CommanderError } from 'commander';
import { errnoInfo } from '../shared/errno-sentences.ts';
import { MODEL_SHELF_VERSION } from '../shared/shelf-version.ts';
import { isShelfError } from '../shared/errors.ts';
import { makeContext } from './cli-context.ts';
import type { CliIo } from './cli-context.ts';
import { registerCreate } from './commands/create.ts';
import { registerDelete } from './commands/delete.ts';
import { registerGet } from './commands/get.ts';
import { registerLabelCommands } from './commands/label.ts';
import { registerList } from './commands/list.ts';
import { registerMaintenance } from './commands/maintenance.ts';
import { registerTransfer } from './commands/transfer.ts';
import { registerDu } from './commands/du.ts';
import { registerPrune } from './commands/prune.ts';
import { registerVerify } from './commands/verify.ts';
import { registerDedup } from './commands/dedup.ts';
import { registerPushPull } from './commands/push-pull.ts';
import { registerRemote } from './commands/remote.ts';
import { ExitStatus } from './exit-status.ts';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE = 2;

export function buildProgram(io: CliIo): Command {
  const ctx = makeContext(io);
  const program = new Command('model-shelf')
    .description('Manage a BentoML model store ($BENTOML_HOME/models) the way BentoML itself does.')
    .version(MODEL_SHELF_VERSION, '-V, --version', 'print the version of model-shelf')
    .option('--home <dir>', 'the BentoML home (default: $BENTOML_HOME, else ~/bentoml)')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
    .exitOverride();
  registerList(program, ctx);
  registerGet(program, ctx);
  registerCreate(program, ctx);
  registerDelete(program, ctx);
  registerTransfer(program, ctx);
  registerDu(program, ctx);
  registerPrune(program, ctx);
  registerMaintenance(program, ctx);
  registerLabelCommands(program, ctx);
  registerVerify(program, ctx);
  registerDedup(program, ctx);
  registerRemote(program, ctx);
  registerPushPull(program, ctx);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 a ShelfError (one sentence on stderr,
 * the stack only with --debug), 2 a usage error (commander's message).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ExitStatus) return error.code;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE;
    }
    const debug = argv.includes('--debug');
    const known = isShelfError(error) ? error : errnoInfo(error);
    if (known) {
      io.stderr.write(`Error: ${known.message}\n`);
    } else {
      // Node's errno text ("EACCES: permission denied, open '...'") is not a sentence: the code only.
      const errno = (error as NodeJS.ErrnoException | null)?.syscall === undefined ? undefined : (error as NodeJS.ErrnoException).code;
      const detail = errno !== undefined ? `a file operation failed with ${errno}` : error instanceof Error ? error.message : String(error);
      io.stderr.write(`Error: something unexpected went wrong (${detail}).${debug ? '' : ' Run again with --debug to see the details.'}\n`);
    }
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_USER_ERROR;
  }
}
