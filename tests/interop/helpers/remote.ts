// The two tools against one real S3 server (tests/integration/fixtures/s3-server.ts): the
// `model-shelf` CLI with its own remotes file, and BentoML's `models export/import s3://...`
// (through fsspec's s3fs) pointed at the server by environment variables.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Server } from '../../integration/fixtures/s3-server.ts';
import { bentomlEnv, bentomlVenv } from './bentoml.ts';
import { runProcess, type ProcessResult } from './process.ts';
import { CLI_ENTRY } from './shelf-cli.ts';

/** How BentoML (s3fs) is told where the server is: both variables work with BentoML 1.4.40 + s3fs 2026.9.0. */
export type EndpointVariable = 'AWS_ENDPOINT_URL' | 'FSSPEC_S3_ENDPOINT_URL';

export interface ShelfRemotes {
  /** The remotes file every CLI call of this suite uses (MODEL_SHELF_REMOTES_FILE). */
  readonly file: string;
  /** `model-shelf --home HOME ARGS...` with this server's keys in the AWS environment. */
  cli(home: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<ProcessResult>;
  /** The environment `cli` runs with (for children that a test starts and kills itself). */
  env(extraEnv?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** A remotes file of its own, so the suite never reads or writes the user's. */
export async function shelfRemotes(server: S3Server): Promise<ShelfRemotes> {
  const dir = await mkdtemp(join(tmpdir(), 'shelf-remotes-'));
  const file = join(dir, 'remotes.json');
  const env = (extraEnv: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', COLUMNS: '10000', NO_COLOR: '1' };
    delete base.BENTOML_HOME;
    const withKeys = server.env(base);
    // The remote's own --endpoint is what a user configures; the variable would hide a bug there.
    delete withKeys.AWS_ENDPOINT_URL;
    // A sidecar cache of its own too (remote ls keeps one in the user's cache folder).
    return { ...withKeys, MODEL_SHELF_REMOTES_FILE: file, XDG_CACHE_HOME: join(dir, 'cache'), ...extraEnv };
  };
  return {
    file,
    env,
    cli: (home, args, extraEnv) => runProcess(process.execPath, [CLI_ENTRY, '--home', home, ...args], { env: env(extraEnv), cwd: home }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `bentoml ARGS...` in `home`, reaching the server through `endpointVariable` and the server's keys. */
export async function bentomlS3(
  server: S3Server,
  home: string,
  args: string[],
  endpointVariable: EndpointVariable = 'AWS_ENDPOINT_URL',
): Promise<ProcessResult> {
  const venv = await bentomlVenv();
  const env = server.env(bentomlEnv(home));
  if (endpointVariable !== 'AWS_ENDPOINT_URL') {
    delete env.AWS_ENDPOINT_URL;
    env[endpointVariable] = server.endpoint;
  }
  return runProcess(venv.bentoml, args, { env, cwd: home });
}
