// The CLI users run is bin/model-shelf.js over the bundle in dist/cli/ (vite.cli.config.ts, issue 13):
// a command loads only the chunks it needs. Proved by counting what the process loads (a
// `module.registerHooks` hook given with --import) and which source files those chunks were made
// from (their source maps), never by timing. The bundle is built here from the current sources, into
// a copy of the installed layout (bin/, scripts/require-node.cjs, dist/cli/, node_modules), so the
// test never runs a stale dist/ and never rewrites the tree's own dist/cli while others use it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SHELF_VERSION } from '../../src-main/shared/shelf-version.ts';
import { bentomlStyleYaml, writeVersion } from './scan-fixtures.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'shelf-cli-bundle-'));
const project = path.join(tmp, 'project');
const bin = path.join(project, 'bin', 'model-shelf.js');
const cliDir = path.join(project, 'dist', 'cli');
const hook = path.join(tmp, 'record-loads.mjs');

// Code `list` must never load: the archives (tar, zip, xz and its worker), the writers, the
// importers, repair, trash, remotes, and their libraries.
const NOT_FOR_LIST = /(^|\/)(src-main\/store\/(archive|stream|import|create|remove|repair|prune|integrity|dedup|fix|watch|preview)\/|src-main\/remote\/|node_modules\/(yaml|zod|@napi-rs|tar-stream|yauzl|yazl|unbzip2-stream|chokidar|write-file-atomic|@aws-sdk|@smithy)\/)/;

// Node built-ins that take milliseconds to load and that list never calls (net it does load:
// process.stdout is a socket when it is a pipe). The last two are what an ES import of
// node:process or node:util loads by reading every export (process.report, util.parseArgs); the
// bundle takes built-ins from process.getBuiltinModule instead. (worker_threads cannot be told:
// the recording hook itself imports it.)
const SLOW_BUILTINS = ['crypto', 'child_process', 'readline/promises', 'internal/process/report', 'internal/util/parse_args/parse_args'];

beforeAll(() => {
  mkdirSync(path.join(project, 'scripts'), { recursive: true });
  cpSync(path.join(root, 'bin'), path.join(project, 'bin'), { recursive: true });
  cpSync(path.join(root, 'scripts', 'require-node.cjs'), path.join(project, 'scripts', 'require-node.cjs'));
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--outDir', cliDir, '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (build.status !== 0) throw new Error(`vite build of the CLI failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  writeFileSync(
    hook,
    [
      "import { registerHooks } from 'node:module';",
      "import { writeFileSync } from 'node:fs';",
      "import { isMainThread } from 'node:worker_threads';",
      'const loaded = [];',
      'registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });',
      // Node's own modules too (process.moduleLoadList), as `builtin:<name>` lines.
      "const builtins = () => process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => `builtin:${m.slice(13)}`);",
      "if (isMainThread) process.on('exit', () => writeFileSync(process.env.RECORD_LOADS, [...loaded, ...builtins()].join('\\n')));",
      '',
    ].join('\n'),
  );
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;
interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The project's files the process loaded, relative to the installed project (bin/..., dist/cli/...). */
  files: string[];
  /** Packages' files it loaded, relative to node_modules/. */
  packages: string[];
  /** The source files (src-main/..., node_modules/...) the loaded chunks were made from. */
  sources: string[];
  /** Bytes of the project's JavaScript files it loaded. */
  bytes: number;
  /** Node's built-in modules it loaded (crypto, child_process, internal/...). */
  builtins: string[];
}

function spawnBin(args: string[], home: string): Run {
  const record = path.join(tmp, `loads-${runs++}.txt`);
  const r = spawnSync(process.execPath, ['--import', hook, bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RECORD_LOADS: record, BENTOML_HOME: home, NODE_OPTIONS: '' },
    cwd: tmp,
    timeout: 120_000,
  });
  const lines = readFileSync(record, 'utf8').split('\n');
  const urls = lines.filter((u) => u.startsWith('file:'));
  const builtins = lines.filter((l) => l.startsWith('builtin:')).map((l) => l.slice('builtin:'.length));
  const paths = urls.map((u) => fileURLToPath(u));
  const files = paths.filter((p) => p.startsWith(project) && !p.includes(`${path.sep}node_modules${path.sep}`)).map((p) => path.relative(project, p));
  const packages = paths.filter((p) => p.includes(`${path.sep}node_modules${path.sep}`)).map((p) => p.slice(p.lastIndexOf(`node_modules${path.sep}`) + 'node_modules/'.length));
  const sources = files
    .filter((f) => f.startsWith('dist/cli/') && existsSync(path.join(project, `${f}.map`)))
    .flatMap((f) => mapSources(path.join(project, `${f}.map`)));
  const bytes = files.reduce((sum, f) => sum + statSync(path.join(project, f)).size, 0);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, files, packages, sources, bytes, builtins };
}

/** The files a chunk was made from, relative to the checkout (src-main/..., node_modules/...). */
function mapSources(map: string): string[] {
  return (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources.map((s) => path.relative(root, path.resolve(path.dirname(map), s)));
}

/** Every source file the whole bundle was made from. */
function allSources(): string[] {
  const maps = readdirSync(cliDir).filter((f) => f.endsWith('.js.map'));
  return [...new Set(maps.flatMap((m) => mapSources(path.join(cliDir, m))))];
}

describe('the bundled CLI (bin/model-shelf.js over dist/cli/)', () => {
  const home = path.join(tmp, 'home');

  beforeAll(async () => {
    await writeVersion(home, 'iris_clf', 'v1', { yaml: bentomlStyleYaml('iris_clf', 'v1', '2025-03-14T09:26:53.413218+00:00'), files: { 'model.pkl': 4096 } });
    await writeVersion(home, 'bert', 'v1', { yaml: bentomlStyleYaml('bert', 'v1', '2025-03-15T09:26:53.413218+00:00') });
  });

  it('--version loads the bin, the Node check, the entry and the version: no commander, no command, no store', () => {
    const r = spawnBin(['--version'], home);
    expect(r).toMatchObject({ status: 0, stdout: `${MODEL_SHELF_VERSION}\n`, stderr: '' });
    expect(r.packages).toEqual([]);
    expect(r.files.filter((f) => f.startsWith('dist/cli/')).length).toBeLessThanOrEqual(3);
    expect(r.sources.filter((s) => s.startsWith('src-main/')).sort()).toEqual(['src-main/cli/main.ts', 'src-main/shared/shelf-version.ts']);
  });

  it('--help and a usage error load the program chunk (commander bundled in it) and none of the store', () => {
    for (const args of [['--help'], ['list', '--help'], ['list', '--no-such-option']]) {
      const r = spawnBin(args, home);
      expect(r.status, args.join(' ')).toBe(args.includes('--no-such-option') ? 2 : 0);
      expect(r.sources.some((s) => s.startsWith('node_modules/commander/')), args.join(' ')).toBe(true);
      expect(r.packages, args.join(' ')).toEqual([]);
      expect(r.sources.filter((s) => s.startsWith('src-main/store/')), args.join(' ')).toEqual([]);
    }
  });

  it('list --json and list NAME --json load a few chunks made from the readers, never archive, xz, import, remote or writer code', () => {
    const everything = allSources();
    for (const args of [['list', '--json'], ['list', 'iris_clf', '--json'], ['list']]) {
      const r = spawnBin(args, home);
      expect(r.status, r.stderr).toBe(0);
      if (args.includes('--json')) {
        const tags = (JSON.parse(r.stdout) as { tag: string; status: string }[]).map((v) => `${v.tag} ${v.status}`);
        expect(tags).toEqual(args[1] === 'iris_clf' ? ['iris_clf:v1 ok'] : ['bert:v1 ok', 'iris_clf:v1 ok']);
      } else {
        expect(r.stdout).toContain('iris_clf:v1');
      }
      // BentoML-written model.yaml files need no package at all (the fast reader, no yaml).
      expect(r.packages, args.join(' ')).toEqual([]);
      expect(r.sources.filter((s) => NOT_FOR_LIST.test(s)), args.join(' ')).toEqual([]);
      expect(r.sources, args.join(' ')).toContain('src-main/store/read/scan.ts');
      // A handful of files (the compiled tree loaded ~140 modules for the same command), and well
      // under half of the bundle's sources.
      expect(r.files.length, r.files.join(' ')).toBeLessThanOrEqual(10);
      expect(r.sources.length).toBeLessThan(everything.length / 2);
      expect(r.bytes).toBeLessThan(400_000);
      // Node's crypto, child_process and readline (with the streams and sockets they pull in) are
      // loaded on first call (vite.cli.config.ts, CALL_TIME_BUILTINS), and list calls none of them.
      expect(r.builtins.filter((b) => SLOW_BUILTINS.includes(b)), args.join(' ')).toEqual([]);
    }
  });

  it('export starts its xz worker from the bundle, and the archive imports back (the worker file resolves beside its chunk)', () => {
    const out = path.join(tmp, 'iris.bentomodel');
    const exported = spawnBin(['export', 'iris_clf:v1', out], home);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.sources.some((s) => s.startsWith('src-main/store/archive/'))).toBe(true);
    // The archive's checksums do load crypto when called (so the recording above does see it).
    expect(exported.builtins).toContain('crypto');
    expect(existsSync(path.join(cliDir, 'xz-block-worker.js'))).toBe(true);
    const other = path.join(tmp, 'home-imported');
    const imported = spawnBin(['import', out], other);
    expect(imported.status, imported.stderr).toBe(0);
    const listed = spawnBin(['list', '--json'], other);
    expect((JSON.parse(listed.stdout) as { tag: string; size: number }[]).map((v) => [v.tag, v.size])).toEqual([['iris_clf:v1', expect.any(Number)]]);
    expect(readFileSync(path.join(other, 'models', 'iris_clf', 'v1', 'model.pkl'))).toEqual(Buffer.alloc(4096, 7));
  });
});
