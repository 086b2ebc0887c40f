// Shared by the remote-*.test.ts suites: the CLI as a child process against a real S3 server
// (Versity Gateway, tests/integration/fixtures/s3-server.ts), with a remotes file of its own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Server } from './fixtures/s3-server.ts';

export const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RemoteRig {
  readonly root: string;
  readonly remotesFile: string;
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  cli(home: string, args: string[], extra?: NodeJS.ProcessEnv): Promise<Run>;
  spawnCli(home: string, args: string[], extra?: NodeJS.ProcessEnv): ChildProcess;
  cleanup(): Promise<void>;
}

export async function remoteRig(server: S3Server): Promise<RemoteRig> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-remote-'));
  const remotesFile = path.join(root, 'config', 'remotes.json');
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const base = server.env({ ...process.env, TZ: 'UTC', COLUMNS: '10000' });
    delete base.BENTOML_HOME;
    // What a user configures is the remote's own --endpoint; the variable would hide a bug there.
    delete base.AWS_ENDPOINT_URL;
    // A sidecar cache of its own too (remote ls keeps one in the user's cache folder).
    return { ...base, MODEL_SHELF_REMOTES_FILE: remotesFile, XDG_CACHE_HOME: path.join(root, 'cache'), ...extra };
  };
  return {
    root,
    remotesFile,
    env,
    cli: (home, args, extra) =>
      new Promise((resolve) => {
        execFile(process.execPath, [MAIN, '--home', home, ...args], { env: env(extra), cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
      }),
    spawnCli: (home, args, extra) => spawn(process.execPath, [MAIN, '--home', home, ...args], { env: env(extra), cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }),
    cleanup: () => fsp.rm(root, { recursive: true, force: true }),
  };
}

export function exited(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await fsp.readFile(file)).digest('hex');
}

/** relative path -> sha256 of every file under dir (model.yaml included). */
export async function fileHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(sub: string): Promise<void> {
    for (const e of await fsp.readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? e.name : `${sub}/${e.name}`;
      if (e.isDirectory()) await walk(rel);
      else out[rel] = await sha256File(path.join(dir, rel));
    }
  }
  await walk('');
  return out;
}

/** A source folder of `bytes` pseudo-random bytes in weights.bin plus a small text file. */
export async function makeSource(dir: string, bytes: number, seed = 1): Promise<string> {
  await fsp.mkdir(path.join(dir, 'sub'), { recursive: true });
  const buf = Buffer.alloc(bytes);
  // A 32-bit LCG's top byte: xz cannot shrink it, so the archive is as big as the data.
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  await fsp.writeFile(path.join(dir, 'weights.bin'), buf);
  await fsp.writeFile(path.join(dir, 'sub', 'notes.txt'), `seed ${seed}\n`);
  return dir;
}

export const lastLine = (s: string): string => s.trimEnd().split('\n').at(-1) ?? '';
