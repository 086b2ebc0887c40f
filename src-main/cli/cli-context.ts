import path from 'node:path';
import type { Command } from 'commander';
import { ShelfError } from '../shared/errors.ts';
import type { ModelStore } from '../store/index.ts';

/** Where a command writes; injectable so the process streams stay the only globals used. */
export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface GlobalOptions {
  readonly home?: string;
  readonly debug?: boolean;
}

export interface CliContext {
  readonly io: CliIo;
  /** The store; for anything but create/import a missing store is an error, never created. */
  openStore(cmd: Command): Promise<ModelStore>;
  out(line: string): void;
  err(line: string): void;
  /** A user-given path made absolute against the cwd (BentoML mis-resolves relative ones, §7.4). */
  resolvePath(p: string): string;
}

// Only the commands that add a model may create `models/`, as BentoML's own writers do. Every other
// command (list, get, export, trash, repair, and any new one) needs an existing store and never
// creates, changes or deletes anything just by opening it (issue 8).
const CREATE_THE_STORE = new Set(['create', 'import']);

export function makeContext(io: CliIo): CliContext {
  return {
    io,
    openStore: async (cmd) => {
      // Loaded here, not at the top: the store's modules (yaml, zod, lzma, tar, zip...) are most of
      // the CLI's start-up, and --version, --help and usage errors never open a store.
      const { ModelStore } = await import('./store-door.ts');
      const { home } = cmd.optsWithGlobals<GlobalOptions>();
      const opts = { ...(home !== undefined ? { home } : {}), env: io.env };
      if (CREATE_THE_STORE.has(cmd.name())) return ModelStore.open(opts);
      const store = ModelStore.forHome(opts);
      if (!(await store.exists())) {
        throw new ShelfError('NOT_FOUND', `There is no model store at ${store.paths.models}; create a model with \`model-shelf create\`, or point --home or BENTOML_HOME at an existing store.`);
      }
      return store;
    },
    out: (line) => void io.stdout.write(`${line}\n`),
    err: (line) => void io.stderr.write(`${line}\n`),
    resolvePath: (p) => path.resolve(io.cwd, p),
  };
}
