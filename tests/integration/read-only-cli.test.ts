// Issue 8 item 3: list, get, export, trash list and repair --dry-run never create, change or
// delete anything in the store, whatever state its `latest` pointers are in; a missing store is
// one sentence and exit 1, and nothing is created. The whole tree is compared after EVERY command.
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { makeVariantStore, NEWEST, OLD, OLDEST, OTHER, RESOLVES_AS_BENTOML, treeChanges, treeSnapshot, VARIANTS, type Variant } from './read-only-fixtures.ts';

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

function stream(): PassThrough & { text: () => string } {
  const s = new PassThrough() as PassThrough & { text: () => string; isTTY: boolean };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.isTTY = false;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

async function cli(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [stdout, stderr] = [stream(), stream()];
  const io = { stdin: stream(), stdout, stderr, env: { TZ: 'UTC' }, cwd: path.join(root, 'outside') } as unknown as Parameters<typeof runCli>[1];
  const code = await runCli(['--home', path.join(root, 'home'), ...args], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Every read-only command, in every form (tag forms, output modes, export to a folder outside). */
function commands(root: string): string[][] {
  const out = path.join(root, 'outside');
  return [
    ['list'],
    ['ls'],
    ['list', 'iris'],
    ['list', `iris:${OLD}`],
    ['list', '--json'],
    ['list', 'iris', '--json'],
    ['list', '--label', 'stage=prod'],
    ['get', 'iris'],
    ['get', 'IRIS'],
    ['get', 'iris:latest'],
    ['get', `iris:${OLD}`],
    ['get', 'iris:bbb'],
    ['get', 'other'],
    ['get', 'iris', '--yaml'],
    ['get', 'iris', '--path'],
    ['get', 'iris', '--json'],
    ['get', 'iris:latest', '--json'],
    ['get', `iris:${NEWEST}`, '--json'],
    ['get', 'iris:ccc', '--yaml'],
    ['get', 'nope'],
    ['export', 'iris', `${out}/`],
    ['export', 'iris:latest', path.join(out, 'latest.tar.gz')],
    ['export', `iris:${OLDEST}`, path.join(out, 'oldest.zip')],
    ['export', 'other'],
    ['trash', 'list'],
    ['repair', '--dry-run'],
  ];
}

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await fsp.rm(r, { recursive: true, force: true });
});

async function variantRoot(variant: Variant): Promise<string> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), `shelf-readonly-${variant}-`));
  roots.push(root);
  await fsp.mkdir(path.join(root, 'outside'));
  await makeVariantStore(path.join(root, 'home'), variant);
  return root;
}

describe('read-only CLI commands leave the store byte for byte as it was', () => {
  for (const variant of VARIANTS) {
    it(`${variant}: every read-only command, the whole tree compared after each`, { timeout: 300_000 }, async () => {
      const root = await variantRoot(variant);
      const before = await treeSnapshot(root, ['outside']);
      const changed: string[] = [];
      const results = new Map<string, { code: number; stdout: string; stderr: string }>();
      let previous = before;
      for (const args of commands(root)) {
        const result = await cli(root, args);
        results.set(args.join(' '), result);
        const now = await treeSnapshot(root, ['outside']);
        const diff = treeChanges(previous, now);
        if (diff.length > 0) changed.push(`model-shelf ${args.join(' ')}:\n  ${diff.join('\n  ')}`);
        previous = now;
      }
      expect(changed).toEqual([]);
      expect(previous).toEqual(before);

      const get = results.get('get iris')!;
      if (variant === 'missing-store') {
        for (const [cmd, r] of results) {
          expect([cmd, r.code, r.stdout]).toEqual([cmd, 1, '']);
          expect(r.stderr).toBe(`Error: There is no model store at ${path.join(root, 'home', 'models')}; create a model with \`model-shelf create\`, or point --home or BENTOML_HOME at an existing store.\n`);
        }
        expect(await fsp.readdir(root)).toEqual(['outside']);
        return;
      }
      // The commands did their work: the listing, the exports in the folder outside.
      expect(results.get('list')!.code).toBe(0);
      expect(results.get('list')!.stdout).toContain(`other:${OTHER}`);
      expect(results.get('trash list')!.code).toBe(0);
      if (variant !== 'no-private') expect(results.get('trash list')!.stdout).toContain('gone:v1');
      expect(results.get(`get iris:${OLD}`)!.code).toBe(0);
      const expected = RESOLVES_AS_BENTOML[variant];
      if (expected === null) {
        expect(get.code).toBe(1);
        expect(get.stderr).toMatch(/^Error: iris:latest cannot be resolved: models\/iris\/latest .*`model-shelf repair`.*\n$/);
      } else {
        expect(get.code).toBe(0);
        expect(get.stdout).toContain(`Tag:       iris:${expected} (latest)`);
        expect(results.get('get iris --path')!.stdout).toBe(`${path.join(root, 'home', 'models', 'iris', expected)}\n`);
      }
      // The listing marks what `get iris` gives, and nothing when BentoML's get fails.
      const listed = JSON.parse(results.get('list iris --json')!.stdout) as { version: string; latest: boolean }[];
      expect(listed.filter((v) => v.latest).map((v) => v.version)).toEqual(expected === null ? [] : [expected]);
      const exports = (await fsp.readdir(path.join(root, 'outside'))).sort();
      expect(exports).toEqual(
        [`other-${OTHER}.bentomodel`, `oldest.zip`, ...(expected === null ? [] : [`iris-${expected}.bentomodel`, 'latest.tar.gz'])].sort(),
      );
      // A bad pointer is reported where it was worked around, never silently.
      if (variant !== 'no-private' && expected !== null) expect(get.stderr).toMatch(/^! models\/iris\/latest .*\n {2}Run `model-shelf repair` to fix the pointer\.\n$/);
      if (variant === 'no-private') expect(get.stderr).toBe('');
    });
  }

  it('with no store at ~/bentoml (no --home, no BENTOML_HOME): one sentence, exit 1, nothing created', { timeout: 120_000 }, async () => {
    const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-readonly-default-'));
    roots.push(root);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: root, USERPROFILE: root };
    delete env.BENTOML_HOME;
    for (const args of [['list'], ['get', 'iris'], ['export', 'iris', root]]) {
      const result = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) => {
        execFile(process.execPath, [MAIN, ...args], { env, cwd: root }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
      });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error: There is no model store at ${path.join(root, 'bentoml', 'models')}; create a model with \`model-shelf create\`, or point --home or BENTOML_HOME at an existing store.\n`,
      });
      expect(await fsp.readdir(root)).toEqual([]);
    }
  });
});

describe('writers still create the store like BentoML', () => {
  it('create makes models/ in a missing home', { timeout: 120_000 }, async () => {
    const root = await variantRoot('missing-store');
    await fsp.writeFile(path.join(root, 'outside', 'w.bin'), 'weights');
    const made = await cli(root, ['create', 'iris:v1', path.join(root, 'outside', 'w.bin')]);
    expect([made.code, made.stdout]).toEqual([0, 'iris:v1\n']);
    expect(await fsp.readFile(path.join(root, 'home', 'models', 'iris', 'latest'), 'utf8')).toBe('v1');
  });
});
