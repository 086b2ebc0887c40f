import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SHELF_VERSION } from '../../src-main/shared/shelf-version.ts';

// `model-shelf` as a user gets it on their PATH (README, "Command line"): `npm pack` + `npm install -g`
// of the tarball, or `npm link` of the checkout. The installed bin runs from any folder through its
// `#!/usr/bin/env node` shebang, with the Node first on PATH. The pack is made from a copy of the
// project, so its `prepare` (which builds dist/) runs as it would for a user, away from this tree.

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'shelf-installed-bin-'));
const project = path.join(tmp, 'project');
const elsewhere = path.join(tmp, 'elsewhere');
let tarball: string;

// npm's and vitest's variables would leak this run's context into the child npm.
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_') || key === 'NODE_OPTIONS' || key.startsWith('VITEST')) delete env[key];
  return { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`, ...extra };
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  const run = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, env, encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

function runBin(bin: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()): { status: number | null; stdout: string; stderr: string } {
  // Run as the shell would: the file itself, so its shebang picks the node on PATH.
  const run = spawnSync(bin, args, { cwd: elsewhere, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  mkdirSync(elsewhere);
  mkdirSync(project);
  for (const entry of ['package.json', 'package-lock.json', 'README.md', 'LICENSE', 'tsconfig.base.json', 'tsconfig.main.json', 'vite.cli.config.ts', 'src-main', 'bin']) {
    cpSync(path.join(root, entry), path.join(project, entry), { recursive: true });
  }
  mkdirSync(path.join(project, 'scripts'));
  cpSync(path.join(root, 'scripts', 'require-node.cjs'), path.join(project, 'scripts', 'require-node.cjs'));
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  npm(['pack', '--pack-destination', tmp], project);
  tarball = path.join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm pack', () => {
  it('builds dist/ through prepare and ships the CLI, the bin and the Node check, not the sources or tests', () => {
    const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    expect(list).toContain('package/dist/main/cli/main.js');
    // The bundle bin/model-shelf.js runs (vite.cli.config.ts), with the xz worker beside its chunks.
    expect(list).toContain('package/dist/cli/main.js');
    expect(list).toContain('package/dist/cli/xz-block-worker.js');
    expect(list).toContain('package/bin/model-shelf.js');
    expect(list).toContain('package/scripts/require-node.cjs');
    expect(list.filter((f) => f.startsWith('package/src-main/') || f.startsWith('package/tests/'))).toEqual([]);
  });
});

describe.each([
  ['npm install -g <tarball>', (prefix: string) => npm(['install', '-g', '--prefix', prefix, tarball], elsewhere)],
  // `npm link` in the checkout: its global bin links to the checkout (no prefix flag: --prefix is the project for link)
  ['npm link (in the checkout)', (prefix: string) => npm(['link'], project, cleanEnv({ npm_config_prefix: prefix }))],
])('model-shelf installed with %s', (_how, install) => {
  const prefix = path.join(tmp, `prefix-${Math.random().toString(36).slice(2)}`);
  const bin = path.join(prefix, 'bin', 'model-shelf');

  beforeAll(() => {
    install(prefix);
  }, 300_000);

  it('prints its version with --version and -V, from any folder', () => {
    expect(existsSync(bin)).toBe(true);
    expect(runBin(bin, ['--version'])).toEqual({ status: 0, stdout: `${MODEL_SHELF_VERSION}\n`, stderr: '' });
    expect(runBin(bin, ['-V'])).toEqual({ status: 0, stdout: `${MODEL_SHELF_VERSION}\n`, stderr: '' });
  });

  it('creates and lists a model in a store of its own', () => {
    const home = path.join(elsewhere, `home-${path.basename(prefix)}`);
    writeFileSync(path.join(elsewhere, 'weights.bin'), 'weights');
    const created = runBin(bin, ['--home', home, 'create', 'iris_clf:v1', 'weights.bin']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout.trim().split('\n').pop()).toBe('iris_clf:v1');
    const listed = runBin(bin, ['--home', home, 'list', '--json']);
    expect(listed.status).toBe(0);
    expect((JSON.parse(listed.stdout) as { tag: string }[]).map((m) => m.tag)).toEqual(['iris_clf:v1']);
  });

  it('stops with the one sentence when the node first on PATH is too old', () => {
    const fake = path.join(tmp, 'fake-node-20.cjs');
    writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
    const result = runBin(bin, ['--version'], cleanEnv({ NODE_OPTIONS: `--require ${fake}` }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Model Shelf needs Node\.js 24 \(24\.15\.0 or newer\), .* but this is Node\.js 20\.20\.2 \(.*\): install Node\.js 24 .*\.\n$/);
  });
});
