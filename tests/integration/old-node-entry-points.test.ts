import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Every entry point a user runs stops at once on an unsupported Node.js with the one sentence of
// scripts/require-node.cjs, and exits non-zero: never a crash further in (`Map.groupBy is not a
// function` inside vitest), never only a warning (npm's engine warnings). Run twice: on this Node
// with an old version faked by a preload (always), and on a real old Node where the machine has
// one (Debian's /usr/bin/node is 20), which also proves the check parses and runs there.

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { nodeProblem } = require('../../scripts/require-node.cjs') as { nodeProblem: (version: string, execPath: string) => string | null };
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'shelf-old-node-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Node and npm both read their version from `process`; a preload makes this Node claim 20.20.2.
const FAKE_VERSION = '20.20.2';
const fakePreload = path.join(tmp, 'fake-node-20.cjs');
writeFileSync(fakePreload, `Object.defineProperty(process, 'version', { value: 'v${FAKE_VERSION}' });\nObject.defineProperty(process.versions, 'node', { value: '${FAKE_VERSION}' });\n`);

interface OldNode {
  readonly label: string;
  /** The node binary that runs the entry points. */
  readonly node: string;
  /** The version that node reports. */
  readonly version: string;
  readonly env: NodeJS.ProcessEnv;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_') || key === 'NODE_OPTIONS' || key.startsWith('VITEST')) delete env[key];
  return env;
};
const withPath = (dir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, PATH: `${dir}${path.delimiter}${env.PATH ?? ''}` });

const faked: OldNode = {
  label: `this Node claiming ${FAKE_VERSION}`,
  node: process.execPath,
  version: FAKE_VERSION,
  env: withPath(path.dirname(process.execPath), { ...baseEnv(), NODE_OPTIONS: `--require ${fakePreload}` }),
};

/** A real Node older than 22 on this machine, with its npm beside it, or undefined. */
function findRealOldNode(): OldNode | undefined {
  for (const node of [process.env['MODEL_SHELF_OLD_NODE'], '/usr/bin/node', '/usr/local/bin/node'].filter((p): p is string => Boolean(p))) {
    const run = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const version = run.stdout?.trim();
    if (run.status !== 0 || !version || Number(version.split('.')[0]) >= 22) continue;
    if (!existsSync(path.join(path.dirname(node), 'npm'))) continue;
    return { label: `the real Node ${version} at ${node}`, node, version, env: withPath(path.dirname(node), baseEnv()) };
  }
  return undefined;
}
const realOld = findRealOldNode();

/** Lines of output that are npm's own (its banner and its report of the failed script). */
const npmOwn = (line: string): boolean => line === '' || line.startsWith('npm error') || line.startsWith('npm warn') || line.startsWith('> ');

// Direct commands: the whole output is the one sentence.
const DIRECT: readonly (readonly string[])[] = [
  ['scripts/require-node.cjs'],
  ['bin/model-shelf.js', '--version'],
  ['bin/model-shelf.js', 'list'],
  ['scripts/start.mjs'],
  ['scripts/dev.mjs'],
  ['scripts/run-tests.mjs', '--project', 'no-such-project'],
  ['scripts/check-security.mjs'],
  ['scripts/check-package.mjs'],
  ['scripts/make-icons.mjs'],
];

// Every npm script: `npm test`, `npm start`, `npm run dev`, builds, gates, even the steps.
// Arguments that keep the real work small in case a script ever runs past its check.
const NPM_SCRIPTS = Object.keys(pkg.scripts).filter((name) => name !== 'preinstall');
const npmArgs = (name: string): string[] => (name.startsWith('test') ? ['run', name, '--', '--project', 'no-such-project'] : ['run', name]);

describe.each([faked, ...(realOld ? [realOld] : [])])('on $label', (old) => {
  const sentence = nodeProblem(old.version, old.node)!;

  it.each(DIRECT.map((args) => [args.join(' '), args] as const))('`node %s` prints only the sentence and exits 1', (_label, args) => {
    const run = spawnSync(old.node, [...args], { cwd: root, env: old.env, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 1, stdout: '', stderr: `${sentence}\n` });
  });

  it.each(NPM_SCRIPTS)('`npm run %s` stops at its first step with the sentence', (name) => {
    const run = spawnSync('npm', npmArgs(name), { cwd: root, env: old.env, encoding: 'utf8', timeout: 90_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr.split('\n').filter((line) => line === sentence)).toHaveLength(1);
    // Nothing but the sentence and npm's own lines: no tool started, no stack trace.
    const rest = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line !== sentence && !npmOwn(line));
    expect(rest).toEqual([]);
  });

  it('`npm start` and `npm test` (no `run`) stop the same way', () => {
    for (const args of [['start'], ['test', '--', '--project', 'no-such-project']]) {
      const run = spawnSync('npm', args, { cwd: root, env: old.env, encoding: 'utf8', timeout: 90_000 });
      expect(run.status).not.toBe(0);
      expect(run.stderr.split('\n').filter((line) => line === sentence)).toHaveLength(1);
    }
  });

  it('`npm install` and `npm ci` refuse at once, before downloading anything, naming both versions', () => {
    // A copy of what npm reads before it installs: package.json, the lock, .npmrc (engine-strict).
    const dir = mkdtempSync(path.join(tmp, 'install-'));
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(path.join(root, file), path.join(dir, file));
    mkdirSync(path.join(dir, 'scripts'));
    copyFileSync(path.join(root, 'scripts', 'require-node.cjs'), path.join(dir, 'scripts', 'require-node.cjs'));
    for (const command of ['install', 'ci']) {
      const run = spawnSync('npm', [command, '--no-audit', '--no-fund'], { cwd: dir, env: old.env, encoding: 'utf8', timeout: 90_000 });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('EBADENGINE');
      expect(run.stderr).toContain('Required: {"node":"^22.22.2 || ^24.15.0 || >=26.0.0"}');
      expect(run.stderr).toContain(`Actual:   {"node":"v${old.version}"`);
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    }
  });

  it("`npm install --engine-strict=false` still stops, at the project's preinstall, with the sentence", () => {
    // Without engine-strict npm installs first; the preinstall then refuses. Its command is run
    // here as npm runs it, so the dependencies need not be downloaded for the test.
    const run = spawnSync('npm', ['run', 'preinstall'], { cwd: root, env: old.env, encoding: 'utf8', timeout: 90_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr.split('\n').filter((line) => line === sentence)).toHaveLength(1);
  });
});
