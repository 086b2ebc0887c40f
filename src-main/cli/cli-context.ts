import path from 'node:path';
import type { Command } from 'commander';
import { ModelStore } from '../store/model-store.ts';

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
  openStore(cmd: Command): Promise<ModelStore>;
  out(line: string): void;
  err(line: string): void;
  /** A user-given path made absolute against the cwd (BentoML mis-resolves relative ones, §7.4). */
  resolvePath(p: string): string;
}

export function makeContext(io: CliIo): CliContext {
  return {
    io,
    openStore: (cmd) => {
      const { home } = cmd.optsWithGlobals<GlobalOptions>();
      return ModelStore.open({ ...(home !== undefined ? { home } : {}), env: io.env });
    },
    out: (line) => void io.stdout.write(`${line}\n`),
    err: (line) => void io.stderr.write(`${line}\n`),
    resolvePath: (p) => path.resolve(io.cwd, p),
  };
}
