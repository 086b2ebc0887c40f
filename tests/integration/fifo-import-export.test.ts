// Pipes where import, export, the trash and an edit's undo read a file (issue: a hostile store or
// source must not hang any reader). Opening a pipe for reading waits for a writer that never
// comes. Each run is a child with a generous SIGKILL timeout: without the fixes it never ends
// (nothing here measures time); each asserts the one sentence the user gets instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_MODEL_YAML_TEXT } from '../../src-main/shared/model-yaml-cap.ts';
import { tempHome, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/fifo-archive-child.ts', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((h) => fsp.rm(h, { recursive: true, force: true })));
});

async function store(): Promise<string> {
  const home = await tempHome('shelf-fifo-io-');
  dirs.push(home);
  await writeVersion(home, 'iris', 'v1', { creationTime: '2025-03-14T09:26:01.000000+00:00', files: { 'w.bin': 'some bytes' } });
  await writeLatestFile(home, 'iris', 'v1');
  return home;
}

async function tempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-fifo-src-'));
  dirs.push(dir);
  return dir;
}

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', cwd: path.dirname(MAIN), env: { ...process.env, BENTOML_HOME: '', ...env } });
const cli = (home: string, ...args: string[]) => run([MAIN, '--home', home, ...args]);
const trashId = (stdout: string): string => /model-shelf trash restore (\d+-[0-9a-f]{8})/.exec(stdout)?.[1] ?? '';

describe('pipes met by import and export', () => {
  it('an archive path that is a pipe: import refuses it, and so do the sniff, the xz and the zip readers if it is swapped in later', { timeout: 120_000 }, async () => {
    const home = await store();
    const pipe = path.join(await tempDir(), 'model.bentomodel');
    execFileSync('mkfifo', [pipe]);
    const imported = cli(home, 'import', pipe);
    expect(imported.signal, 'import blocked on the pipe').toBeNull();
    expect(imported.status).toBe(1);
    expect(imported.stderr.trim()).toBe(`Error: '${pipe}' is neither a file nor a folder. Pass the path of a .bentomodel (or tar, zip) archive or of a folder holding a model.yaml.`);
    const child = run([CHILD, 'archive', pipe]);
    expect(child.signal, 'a reader blocked on the pipe').toBeNull();
    expect(child.status, child.stderr).toBe(0);
    const refused = `'${pipe}' is not a regular file (a pipe, socket or device), so it was not read; an import needs an archive file or a folder holding a model.yaml.`;
    expect(JSON.parse(child.stdout.trim()) as unknown).toEqual({ sniff: refused, xz: refused, zip: refused });
  });

  it("a pipe for a saved model folder's model.yaml: import refuses it in one sentence", { timeout: 120_000 }, async () => {
    const home = await store();
    const src = await tempDir();
    execFileSync('mkfifo', [path.join(src, 'model.yaml')]);
    const imported = cli(home, 'import', src);
    expect(imported.signal, 'import blocked on the pipe').toBeNull();
    expect(imported.status).toBe(1);
    expect(imported.stderr.trim()).toBe(`Error: The model.yaml in ${src} is not a regular file (a pipe, socket, device or folder), so it was not read and nothing was imported; replace it with the model's model.yaml and import again.`);
  });

  it('a file swapped for a pipe after the members were listed: the tar and zip writers refuse it', { timeout: 120_000 }, async () => {
    const home = await store();
    const dir = path.join(home, 'models', 'iris', 'v1');
    const child = run([CHILD, 'members', dir, path.join(dir, 'w.bin')]);
    expect(child.signal, 'a writer blocked on the pipe').toBeNull();
    expect(child.status, child.stderr).toBe(0);
    const refused = "'w.bin' was replaced by something that is not the regular file listed (a pipe, socket, device or another file) while the model was being archived, so it was not read. Remove it from the version and export again.";
    expect(JSON.parse(child.stdout.trim()) as unknown).toEqual({ tar: refused, zip: refused });
  });

  it("a pipe named as an export's journal note: repair still runs", { timeout: 120_000 }, async () => {
    const home = await store();
    const state = await tempDir();
    await fsp.mkdir(path.join(state, 'model-shelf', 'exports'), { recursive: true });
    execFileSync('mkfifo', [path.join(state, 'model-shelf', 'exports', 'export-host-1234-abcdef.json')]);
    const repaired = run([MAIN, '--home', home, 'repair'], { XDG_STATE_HOME: state });
    expect(repaired.signal, 'repair blocked on the pipe').toBeNull();
    expect(repaired.status, repaired.stderr).toBe(0);
  });
});

describe('pipes in the trash', () => {
  it("a pipe for a trash record: the listing leaves it out and restore says it is not in the trash", { timeout: 120_000 }, async () => {
    const home = await store();
    await writeVersion(home, 'iris', 'v2', { creationTime: '2025-03-14T09:26:02.000000+00:00', files: { 'w.bin': 'other bytes' } });
    expect(cli(home, 'delete', 'iris:v1', '--trash', '--yes').status).toBe(0);
    expect(cli(home, 'delete', 'iris:v2', '--trash', '--yes').status).toBe(0);
    const trash = path.join(home, '.model-shelf', 'trash');
    const ids = (await fsp.readdir(trash)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
    expect(ids).toHaveLength(2);
    const [piped = '', kept = ''] = ids;
    await fsp.rm(path.join(trash, `${piped}.json`));
    execFileSync('mkfifo', [path.join(trash, `${piped}.json`)]);
    const listed = cli(home, 'trash', 'list');
    expect(listed.signal, 'trash list blocked on the pipe').toBeNull();
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(kept);
    expect(listed.stdout).not.toContain(piped);
    const restored = cli(home, 'trash', 'restore', piped);
    expect(restored.signal, 'restore blocked on the pipe').toBeNull();
    expect(restored.status).toBe(1);
    expect(restored.stderr).toContain(`There is no item '${piped}' in the trash. Run \`model-shelf trash\` to see what it holds.`);
  });

  it("a pipe for an edit's saved model.yaml or for the version's own: undo refuses in one sentence", { timeout: 120_000 }, async () => {
    const home = await store();
    const labeled = cli(home, 'label', 'iris:v1', '--set', 'stage=prod');
    expect(labeled.status, labeled.stderr).toBe(0);
    const id = trashId(labeled.stdout);
    expect(id).not.toBe('');
    const saved = path.join(home, '.model-shelf', 'trash', id, 'model.yaml');
    const savedBytes = await fsp.readFile(saved);
    await fsp.rm(saved);
    execFileSync('mkfifo', [saved]);
    const first = cli(home, 'trash', 'restore', id);
    expect(first.signal, 'undo blocked on the saved pipe').toBeNull();
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`The trash's copy of the model.yaml from before the edit '${id}' is not a regular file of at most ${MAX_MODEL_YAML_TEXT} (${saved}), so it cannot be restored; \`model-shelf trash empty\` removes it.`);

    await fsp.rm(saved);
    await fsp.writeFile(saved, savedBytes);
    const yaml = path.join(home, 'models', 'iris', 'v1', 'model.yaml');
    await fsp.rm(yaml);
    execFileSync('mkfifo', [yaml]);
    const second = cli(home, 'trash', 'restore', id);
    expect(second.signal, 'undo blocked on the version pipe').toBeNull();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`The model.yaml of 'iris:v1' is not a regular file of at most ${MAX_MODEL_YAML_TEXT} (a pipe, socket, device or folder at ${yaml}), so it was not read and the edit was not undone; replace it with the version's model.yaml and undo again.`);
  });
});
