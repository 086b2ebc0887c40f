// Runs real BentoML (the venv of scripts/bentoml-venv.mjs) against a temporary store, the way
// format spec §11 asks: absolute BENTOML_HOME, BENTOML_DO_NOT_TRACK, TZ=UTC, COLUMNS=10000.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBentomlVenv, type BentomlVenv } from '../../../scripts/bentoml-venv.mjs';
import { parseExactJson } from './exact-json.ts';
import { runProcess, type ProcessResult } from './process.ts';

export const SKIP_INTEROP = process.env.MODEL_SHELF_SKIP_INTEROP === '1';
const HERE = dirname(fileURLToPath(import.meta.url));
const OPS_SCRIPT = resolve(HERE, '..', 'py', 'bento_ops.py');

let venvPromise: Promise<BentomlVenv> | undefined;

/** The venv, created on first use (hookTimeout of the interop project is 900 s for this). */
export function bentomlVenv(): Promise<BentomlVenv> {
  venvPromise ??= ensureBentomlVenv();
  return venvPromise;
}

/** True when the venv's BentoML is at least `version` (x.y.z); 1.4.20 replaced PyFilesystem (§10.7). */
export async function bentomlAtLeast(version: string): Promise<boolean> {
  const parts = (v: string): number[] => v.split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
  const [have, want] = [parts((await bentomlVenv()).bentomlVersion), parts(version)];
  for (let i = 0; i < 3; i += 1) if (have[i] !== want[i]) return (have[i] ?? 0) > (want[i] ?? 0);
  return true;
}

/** Environment for a BentoML child: only our BENTOML_* variables, never the caller's. */
export function bentomlEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('BENTOML_')) env[key] = value;
  return { ...env, BENTOML_HOME: home, BENTOML_DO_NOT_TRACK: 'true', TZ: 'UTC', COLUMNS: '10000', PYTHONIOENCODING: 'utf-8' };
}

const homes: string[] = [];

/** A fresh, absolute, empty BENTOML_HOME; removed by `removeHomes()`. */
export async function makeHome(label = 'home'): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), `shelf-interop-${label}-`));
  homes.push(home);
  return resolve(home);
}

export async function removeHomes(): Promise<void> {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
}

/** `bentoml <args>` in `home`. */
export async function bentoml(home: string, args: string[]): Promise<ProcessResult> {
  const venv = await bentomlVenv();
  return runProcess(venv.bentoml, args, { env: bentomlEnv(home), cwd: home });
}

/** `bentoml <args> -o json`, asserting exit 0, parsed with big integers kept exact. */
export async function bentomlJson<T = unknown>(home: string, args: string[]): Promise<T> {
  const result = await bentoml(home, [...args, '-o', 'json']);
  if (result.code !== 0) {
    throw new Error(`bentoml ${args.join(' ')} exited ${result.code}: ${result.stderr || result.stdout}`);
  }
  return parseExactJson(result.stdout) as T;
}

export type PyOp = { op: string } & Record<string, unknown>;
export type PyError = { error: string; message: string };

/** Runs a batch of tests/interop/py/bento_ops.py operations in one Python process. */
export async function pyOps(home: string, ops: PyOp[]): Promise<unknown[]> {
  const venv = await bentomlVenv();
  const result = await runProcess(venv.python, [OPS_SCRIPT], { env: bentomlEnv(home), cwd: home, input: JSON.stringify(ops) });
  if (result.code !== 0) throw new Error(`bento_ops.py exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown[];
}

export function isPyError(value: unknown): value is PyError {
  return typeof value === 'object' && value !== null && 'error' in value && 'message' in value;
}

/** Throws when a batch result is an error, so a failing case shows Python's reason. */
export function pyOk<T>(value: unknown): T {
  if (isPyError(value)) throw new Error(`Python ${value.error}: ${value.message}`);
  return value as T;
}

/** One row of `bentoml models list -o json`. */
export interface ListRow {
  tag: string;
  module: string;
  size: string;
  creation_time: string;
}

/** What bento_ops.py's `describe` returns for a model. */
export interface PyModel {
  /** calc_dir_size of the version directory (what `bentoml models list` turns into its size string). */
  size: number;
  tag: string;
  path: string;
  module: string;
  labels: Record<string, string>;
  metadata: Record<string, unknown>;
  creation_time: string;
  aware: boolean;
  /** Epoch microseconds (null for a naive time). */
  epoch_us: number | null;
  api_version: string;
  /** info.context.to_dict(): framework_name, framework_versions, bentoml_version, python_version. */
  context: Record<string, unknown>;
}
