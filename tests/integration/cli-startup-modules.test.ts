// CLI start-up loads only what the command needs (issue 13): `--version` loads nothing but its own
// files, `--help` and usage errors load commander and the command definitions but none of the
// store's modules or their heavy libraries. Proved by recording every module the process loads
// (a `module.registerHooks` hook given with --import), never by timing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { bentomlStyleYaml, writeVersion } from './scan-fixtures.ts';

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The store's own code and the libraries only it uses (YAML, validation, archives, xz, watching).
const HEAVY = [
  /\/src-main\/store\//,
  /\/node_modules\/(yaml|zod|@napi-rs|tar-stream|yauzl|yazl|unbzip2-stream|chokidar|write-file-atomic)\//,
];

let dir: string;
let hook: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-startup-'));
  hook = path.join(dir, 'record-loads.mjs');
  await fs.writeFile(
    hook,
    [
      "import { registerHooks } from 'node:module';",
      "import { writeFileSync } from 'node:fs';",
      'const loaded = [];',
      'registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });',
      "process.on('exit', () => writeFileSync(process.env.RECORD_LOADS, loaded.join('\\n')));",
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

let runs = 0;
function spawnCli(args: string[]): { status: number | null; stdout: string; stderr: string; loaded: string[]; files: string[] } {
  const record = path.join(dir, `loads-${runs++}.txt`);
  const r = spawnSync(process.execPath, ['--import', hook, MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RECORD_LOADS: record, BENTOML_HOME: path.join(dir, 'home') },
    cwd: dir,
  });
  const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  // Paths inside the project (file: URLs), for messages that say which module was loaded.
  const files = loaded.filter((u) => u.startsWith('file:')).map((u) => path.relative(ROOT, fileURLToPath(u)));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded, files };
}

const heavy = (files: string[]): string[] => files.filter((f) => HEAVY.some((re) => re.test(`/${f}`)));

async function inProcess(args: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: dir } as unknown as Parameters<typeof runCli>[1];
  const code = await runCli(args, io);
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

describe('CLI start-up', () => {
  it('--version and -V load only the entry point and the version, and print what commander prints', async () => {
    const commander = await inProcess(['--version']);
    for (const flag of ['--version', '-V']) {
      const r = spawnCli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(commander.stdout);
      expect(r.files.sort()).toEqual(['src-main/cli/main.ts', 'src-main/shared/shelf-version.ts']);
    }
    expect(commander.code).toBe(0);
  });

  it('--help, a command\'s --help and a usage error load commander but none of the store\'s modules', () => {
    for (const args of [['--help'], ['list', '--help'], ['create', '--help'], ['export', '--help'], ['no-such-command'], ['list', '--no-such-option']]) {
      const r = spawnCli(args);
      expect(r.status, args.join(' ')).toBe(args[0] === 'no-such-command' || args.includes('--no-such-option') ? 2 : 0);
      expect(r.files.some((f) => f.startsWith('node_modules/commander/')), args.join(' ')).toBe(true);
      expect(heavy(r.files), args.join(' ')).toEqual([]);
    }
  });

  it('a command that opens the store does load it, and the YAML library when a model.yaml needs it (the recording sees them when used)', async () => {
    const home = path.join(dir, 'home-commented');
    // A comment is outside the fast reader's subset (yaml-fast-path.ts): the full parser runs.
    await writeVersion(home, 'iris_clf', 'v1', { yaml: `# written by hand\n${bentomlStyleYaml('iris_clf', 'v1', '2025-03-14T09:26:53.413218+00:00')}` });
    const r = spawnCli(['list', '--json', '--home', home]);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { tag: string; status: string }[]).map((v) => [v.tag, v.status])).toEqual([['iris_clf:v1', 'ok']]);
    expect(heavy(r.files)).toContain('src-main/store/index.ts');
    expect(heavy(r.files).some((f) => f.startsWith('node_modules/yaml/'))).toBe(true);
  });

  it('list loads the store\'s readers but not its archives, writers, repair or trash; export does load the archives', async () => {
    const home = path.join(dir, 'home');
    await writeVersion(home, 'iris_clf', 'v2');
    // BentoML-written model.yaml files are read by the fast reader: no YAML library either.
    const writers = /^(node_modules\/(yaml|tar-stream|yauzl|yazl|@napi-rs|unbzip2-stream)\/|src-main\/store\/(archive\/export-model|import\/import-model|repair\/|remove\/))/;
    const list = spawnCli(['list', 'iris_clf', '--json']);
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { tag: string; status: string }[]).map((v) => v.status)).toEqual(['ok']);
    expect(list.files.filter((f) => writers.test(f))).toEqual([]);
    const out = path.join(dir, 'iris.bentomodel');
    const exported = spawnCli(['export', 'iris_clf:v2', out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.files).toContain('src-main/store/archive/export-model.ts');
    expect(exported.files.some((f) => f.startsWith('node_modules/tar-stream/'))).toBe(true);
  });
});
