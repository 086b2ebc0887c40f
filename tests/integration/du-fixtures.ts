// Stores for the du and prune tests: real trees with hard links between versions, a file linked
// from outside the store, identical copies that are not links, the trash and a staging folder.
import { execFile, execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { time, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { ...process.env, BENTOML_HOME: '', ...opts.env }, cwd: os.tmpdir(), maxBuffer: 1 << 28 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `du -sb` of each path, counted together (hard links once across all of them). */
export function duSb(...paths: string[]): number {
  const out = execFileSync('du', ['-sbc', ...paths], { encoding: 'utf8' });
  return Number(out.trim().split('\n').at(-1)?.split('\t')[0]);
}

/** Versions of one length: rewriting `latest` never changes its size. */
export const V = (n: number): string => `v${String(n).padStart(4, '0')}`;

export interface LinkedStore {
  readonly root: string;
  readonly home: string;
  readonly models: string;
  /** A file outside the store, hard-linked into alpha:v0003. */
  readonly outside: string;
}

/**
 * alpha: v0001 (weights 40,000 B), v0002 (a hard link to v0001's weights + 3,000 own),
 * v0003 (an identical copy of the weights, not a link, + a link to a file outside the store, +
 * two links to one file inside itself); beta: v0001 (a hard link to alpha:v0002's own file).
 * latest: alpha -> v0003, beta -> v0001. Plus a staging folder with a link to alpha:v0001's weights.
 */
export async function linkedStore(prefix = 'shelf-du-'): Promise<LinkedStore> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), prefix));
  const home = path.join(root, 'home');
  const models = path.join(home, 'models');
  const outside = path.join(root, 'outside.bin');
  await fsp.mkdir(models, { recursive: true });
  const a1 = await writeVersion(home, 'alpha', V(1), { creationTime: time(1), labels: { stage: 'dev' }, files: { 'weights.bin': 40_000, 'sub/readme.txt': 'hello' } });
  const a2 = await writeVersion(home, 'alpha', V(2), { creationTime: time(2), labels: { stage: 'dev' }, files: { 'own.bin': 3_000 } });
  await fsp.link(path.join(a1, 'weights.bin'), path.join(a2, 'weights.bin'));
  const a3 = await writeVersion(home, 'alpha', V(3), { creationTime: time(3), labels: { stage: 'prod' }, files: { 'weights.bin': 40_000, 'twice.bin': 700 } });
  await fsp.link(path.join(a3, 'twice.bin'), path.join(a3, 'twice-again.bin'));
  await fsp.writeFile(outside, Buffer.alloc(5_000, 3));
  await fsp.link(outside, path.join(a3, 'outside-link.bin'));
  await fsp.symlink('weights.bin', path.join(a3, 'link-to-weights'));
  await writeLatestFile(home, 'alpha', V(3));
  const b1 = await writeVersion(home, 'beta', V(1), { creationTime: time(4) });
  await fsp.link(path.join(a2, 'own.bin'), path.join(b1, 'from-alpha.bin'));
  await writeLatestFile(home, 'beta', V(1));
  const staging = path.join(home, '.model-shelf', 'staging', 'leftover');
  await fsp.mkdir(staging, { recursive: true });
  await fsp.link(path.join(a1, 'weights.bin'), path.join(staging, 'weights.bin'));
  await fsp.mkdir(path.join(home, '.model-shelf', 'locks'), { recursive: true });
  return { root, home, models, outside };
}
