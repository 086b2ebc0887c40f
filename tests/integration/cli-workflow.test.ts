import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeHashes } from './archive-fixtures.ts';

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, BENTOML_HOME: '', ...opts.env };
    execFile(process.execPath, [MAIN, ...args], { env, cwd: opts.cwd ?? os.tmpdir() }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lastLine = (s: string): string => s.trimEnd().split('\n').at(-1) ?? '';

let root: string;
let home: string;
let src: string;
beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-cli-'));
  home = path.join(root, 'home');
  src = path.join(root, 'src');
  await fsp.mkdir(path.join(src, 'sub', 'deep'), { recursive: true });
  await fsp.writeFile(path.join(src, 'weights.bin'), Buffer.alloc(20_000, 7));
  await fsp.writeFile(path.join(src, 'sub', 'a.txt'), 'hello\n');
  await fsp.writeFile(path.join(src, 'sub', 'deep', 'b.json'), '{"x":1}');
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

describe('model-shelf CLI on a real temporary home', () => {
  it('create -> list -> get -> export -> delete -> import -> repair', async () => {
    const created = await cli(['--home', home, 'create', 'iris_clf', '--root', src, '--label', 'owner=ml-team', '--label', 'stage=yes',
      '--metadata', 'accuracy=0.9667', '--metadata', 'big=1152921504606846976', '--metadata', 'notes=plain words', '--metadata', 'm=[[1,2],[3,4]]']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const tag = lastLine(created.stdout);
    expect(tag).toMatch(/^iris_clf:[a-z2-7]{16}$/);
    const version = tag.split(':')[1] as string;
    const dir = path.join(home, 'models', 'iris_clf', version);
    const original = await treeHashes(src);
    const stored = await treeHashes(dir);
    expect(Object.fromEntries(Object.entries(stored).filter(([k]) => k !== 'model.yaml'))).toEqual(original);
    expect(await fsp.readFile(path.join(home, 'models', 'iris_clf', 'latest'), 'utf8')).toBe(version);

    const table = await cli(['--home', home, 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ Tag\s+Module\s+Size\s+Creation Time\s+Status\s+Labels$/);
    expect(table.stdout).toContain(tag);

    const listed = await cli(['--home', home, 'list', 'iris_clf', '--json']);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tag, name: 'iris_clf', version, labels: { owner: 'ml-team', stage: 'yes' }, latest: true, status: 'ok', problem: null });
    expect(rows[0]?.metadata).toMatchObject({ accuracy: 0.9667, notes: 'plain words', m: [[1, 2], [3, 4]] });
    expect(listed.stdout).toContain('"big": 1152921504606846976'); // every digit, as a JSON number
    expect((await cli(['--home', home, 'list', '--label', 'owner=nobody', '--json'])).stdout.trim()).toBe('[]');

    expect((await cli(['--home', home, 'get', 'iris_clf', '--path'])).stdout).toBe(`${dir}\n`);
    expect((await cli(['--home', home, 'get', `iris_clf:${version.slice(0, 5)}`, '--yaml'])).stdout).toBe(await fsp.readFile(path.join(dir, 'model.yaml'), 'utf8'));
    const got = JSON.parse((await cli(['--home', home, 'get', 'iris_clf:latest', '--json'])).stdout) as Record<string, unknown>;
    expect(got).toMatchObject({ tag, path: dir, used_by: [] });
    const summary = await cli(['--home', home, 'get', 'iris_clf']);
    expect(summary.stdout).toContain(`Tag:       ${tag} (latest)`);

    const outDir = path.join(root, 'out');
    await fsp.mkdir(outDir);
    const exported = await cli(['--home', home, 'export', tag, outDir]);
    expect(exported.code).toBe(0);
    const archive = lastLine(exported.stdout);
    expect(archive).toBe(path.join(outDir, `iris_clf-${version}.bentomodel`));
    const relative = await cli(['--home', home, 'export', 'iris_clf', 'rel.tar.gz'], { cwd: outDir });
    expect(lastLine(relative.stdout)).toBe(path.join(outDir, 'rel.tar.gz'));

    const refused = await cli(['--home', home, 'delete', 'iris_clf']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('Error: Nothing was deleted because there is no terminal to confirm on; pass --yes to delete iris_clf.\n');
    expect(await fsp.stat(dir).then(() => true)).toBe(true);

    const deleted = await cli(['--home', home, 'delete', tag, '--yes']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(`Model(tag="${tag}") deleted.\n`);
    await expect(fsp.stat(path.join(home, 'models', 'iris_clf'))).rejects.toThrow();

    const imported = await cli(['--home', home, 'import', archive]);
    expect(imported.code).toBe(0);
    expect(lastLine(imported.stdout)).toBe(tag);
    expect(await treeHashes(dir)).toEqual(stored);

    const again = await cli(['--home', home, 'import', archive]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error: Model '${tag}' already exists in ${path.join(home, 'models')}; delete it first or keep the one you have.\n`);

    const repaired = await cli(['--home', home, 'repair']);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toBe(`No problems found in ${home}.\n`);
  });

  it('import DIR adds a saved model folder (model.yaml at its root) byte for byte', async () => {
    const fromHome = path.join(root, 'folder-from');
    const toHome = path.join(root, 'folder-to');
    const created = await cli(['--home', fromHome, 'create', 'folder_clf:v1', '--root', src, '--label', 'k=v']);
    expect(created.code).toBe(0);
    const folder = path.join(fromHome, 'models', 'folder_clf', 'v1');

    // A relative folder path, resolved against the cwd like archive paths.
    const imported = await cli(['--home', toHome, 'import', 'v1'], { cwd: path.dirname(folder) });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(lastLine(imported.stdout)).toBe('folder_clf:v1');
    const copy = path.join(toHome, 'models', 'folder_clf', 'v1');
    expect(await treeHashes(copy)).toEqual(await treeHashes(folder));
    expect(await fsp.readFile(path.join(toHome, 'models', 'folder_clf', 'latest'), 'utf8')).toBe('v1');
    expect(await fsp.readdir(path.join(toHome, '.model-shelf', 'staging'))).toEqual([]);

    const again = await cli(['--home', toHome, 'import', folder]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error: Model 'folder_clf:v1' already exists in ${path.join(toHome, 'models')}; delete it first or keep the one you have.\n`);
    const plain = await cli(['--home', toHome, 'import', src]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`Error: ${src} is a folder without a model.yaml, so it is not a saved model.`);
  });

  it('reads $BENTOML_HOME, trashes and restores, and flags a broken version in list', async () => {
    const envHome = path.join(root, 'env-home');
    const env = { BENTOML_HOME: envHome };
    const tag = lastLine((await cli(['create', 'clf:v1', path.join(src, 'weights.bin')], { env })).stdout);
    expect(tag).toBe('clf:v1');
    expect(await fsp.stat(path.join(envHome, 'models', 'clf', 'v1', 'weights.bin')).then((s) => s.size)).toBe(20_000);

    const trashed = await cli(['delete', 'clf:v1', '--yes', '--trash'], { env });
    expect(trashed.code).toBe(0);
    const list = await cli(['trash', 'list'], { env });
    const id = list.stdout.split('\n')[1]?.trim().split(/\s+/)[0] as string;
    expect(list.stdout).toContain('clf:v1');
    expect((await cli(['trash', 'restore', id], { env })).stdout).toBe('clf:v1\n');
    expect(await fsp.stat(path.join(envHome, 'models', 'clf', 'v1', 'weights.bin')).then((s) => s.size)).toBe(20_000);

    await fsp.mkdir(path.join(envHome, 'models', 'clf', 'zzzzzzzzzzzzzzzz'));
    const flagged = await cli(['list'], { env });
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toContain('incomplete');
    expect(flagged.stderr).toContain('models/clf/zzzzzzzzzzzzzzzz');
    await fsp.mkdir(path.join(envHome, 'models', '.staging'));
    const listedJson = await cli(['list', '--json'], { env });
    const json = JSON.parse(listedJson.stdout) as { tag: string; status: string; problem: string | null }[];
    expect(json.find((r) => r.tag === 'clf:zzzzzzzzzzzzzzzz')).toMatchObject({ status: 'incomplete' });
    // A stray directory is not a version, so only stderr can tell a script about it.
    expect(listedJson.stderr).toContain('models/.staging');
  });

  it('exits 1 with one sentence (no stack) on user errors and 2 on usage errors', async () => {
    const missing = await cli(['--home', home, 'get', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^Error: .*'nope'.*\.\n$/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const debug = await cli(['--home', home, '--debug', 'get', 'nope']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);

    const usage = [['frobnicate'], ['get'], ['list', '--bogus'], ['create', 'x'], ['create', 'x', 'p', '--label', 'novalue'], ['get', 'x', '--json', '--yaml'], []];
    const results = await Promise.all(usage.map((args) => cli(['--home', home, ...args])));
    results.forEach((r, i) => {
      expect(r.code, usage[i]?.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/error:|Usage: model-shelf/);
    });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: model-shelf');

    const badArchive = path.join(root, 'gz.bentomodel');
    await fsp.writeFile(badArchive, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
    const bad = await cli(['--home', home, 'import', badArchive]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: 'gz\.bentomodel' is not a BentoML model archive: a \.bentomodel file must be an xz-compressed tar/);
  });
});
