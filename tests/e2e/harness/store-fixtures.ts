// Real stores on disk for e2e tests: temporary homes, source files to drop, models written by
// another process, and read-backs of what the app wrote (parsed with the store's own parser and,
// where the interop venv exists, by real BentoML).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './build-preload.ts';

const run = promisify(execFile);

/** A temporary directory removed by the returned cleanup. */
export async function tempDir(prefix = 'shelf-e2e-src-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes `files` (relative path -> content) under `dir`; returns the absolute paths of the top-level entries. */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  const top = new Set<string>();
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    top.add(path.join(dir, relative.split('/')[0] ?? relative));
  }
  return [...top];
}

/**
 * A file of `bytes` real (non-sparse, non-zero) bytes, written fast from a repeated 8 MiB block;
 * `incompressible` makes the block random so that gzip/xz cannot shrink it (slow exports).
 */
export async function bigFile(file: string, bytes: number, options: { incompressible?: boolean } = {}): Promise<string> {
  const block = options.incompressible ? new Uint8Array(randomBytes(8 * 1024 * 1024)) : new Uint8Array(8 * 1024 * 1024);
  if (!options.incompressible) for (let i = 0; i < block.length; i += 1) block[i] = (i * 2654435761) >>> 24;
  const handle = await open(file, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) {
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
  return file;
}

export interface ChildModel {
  readonly tag: string;
  readonly labels?: Record<string, string>;
  /** JSON-able metadata (dates as { $date: 'YYYY-MM-DD' }). */
  readonly metadata?: Record<string, unknown>;
  readonly files?: Record<string, string>;
  /** Existing files or folders to copy in as well (big fixtures made with bigFile). */
  readonly paths?: readonly string[];
}

/** Writes a model from ANOTHER Node process with the store library; returns its tag. */
export async function writeModelInOtherProcess(home: string, model: ChildModel): Promise<string> {
  const [tag] = await writeModelsInOtherProcess(home, [model]);
  return tag ?? '';
}

/** Writes several models, in order, from one other Node process; returns their tags. */
export async function writeModelsInOtherProcess(home: string, models: readonly ChildModel[]): Promise<string[]> {
  const src = await tempDir('shelf-e2e-child-');
  try {
    const specs = [];
    for (const [i, model] of models.entries()) {
      const dir = path.join(src, String(i));
      await mkdir(dir);
      const written = model.files || !model.paths ? await writeFiles(dir, model.files ?? { 'weights.bin': `weights of ${model.tag}\n` }) : [];
      const paths = [...written, ...(model.paths ?? [])];
      specs.push({ home, tag: model.tag, labels: model.labels ?? {}, metadata: model.metadata ?? {}, paths });
    }
    const script = path.join(repoRoot, 'tests/e2e/harness/write-model-child.ts');
    const { stdout } = await run(process.execPath, [script, JSON.stringify(specs)], {
      cwd: repoRoot,
      env: { ...process.env, BENTOML_HOME: home },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim().split('\n');
  } finally {
    await removeDir(src);
  }
}

/** `models/<name>/<version>` entries (plus `latest` files) as they are on disk, sorted. */
export async function listModelsDir(home: string): Promise<string[]> {
  const models = path.join(home, 'models');
  if (!existsSync(models)) return [];
  const out: string[] = [];
  for (const name of await readdir(models)) {
    out.push(name);
    const nameDir = path.join(models, name);
    for (const entry of await readdir(nameDir).catch(() => [] as string[])) out.push(`${name}/${entry}`);
  }
  return out.sort();
}

/** Every entry under a directory, recursively, relative and sorted ([] when it does not exist). */
export async function listTree(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true });
  return entries.map((entry) => entry.split(path.sep).join('/')).sort();
}

/** The version directories of one name (excluding `latest`). */
export async function versionsOnDisk(home: string, name: string): Promise<string[]> {
  const dir = path.join(home, 'models', name);
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((entry) => entry !== 'latest').sort();
}

/** Reads model.yaml back with the store's own PyYAML-typed parser. */
export async function readModelInfo(home: string, name: string, version: string) {
  const { parseModelYaml } = await import('../../../src-main/store/yaml/model-yaml.ts');
  return parseModelYaml(await readFile(path.join(home, 'models', name, version, 'model.yaml'), 'utf8'));
}

export function bentomlPython(): string | null {
  const venv = process.env.MODEL_SHELF_BENTOML_VENV ?? '/root/.cache/model-shelf/bentoml-venv';
  const python = path.join(venv, 'bin/python');
  return existsSync(python) ? python : null;
}

/** Runs a Python snippet with real BentoML against `home`; returns stdout. */
export async function runBentoML(python: string, home: string, code: string): Promise<string> {
  const { stdout } = await run(python, ['-c', code], {
    env: { ...process.env, BENTOML_HOME: home, BENTOML_DO_NOT_TRACK: 'true', TZ: 'UTC', COLUMNS: '10000' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** What the trash holds on disk: the tags of `.model-shelf/trash/<id>.json` whose `<id>/` exists. */
export async function trashOnDisk(home: string): Promise<{ id: string; tag: string; files: string[] }[]> {
  const trash = path.join(home, '.model-shelf', 'trash');
  if (!existsSync(trash)) return [];
  const out: { id: string; tag: string; files: string[] }[] = [];
  for (const file of (await readdir(trash)).filter((f) => f.endsWith('.json'))) {
    const manifest = JSON.parse(await readFile(path.join(trash, file), 'utf8')) as { id: string; tag: string };
    if (existsSync(path.join(trash, manifest.id))) out.push({ id: manifest.id, tag: manifest.tag, files: await listTree(path.join(trash, manifest.id)) });
  }
  return out.sort((a, b) => a.tag.localeCompare(b.tag));
}
