// Pipes put where the store keeps small files of its own (issue: a hostile store must not hang any
// reader). Opening a pipe for reading waits for a writer that never comes: `latest` made `repair`
// wait for good, a lock file every write of its name, a manifest every `create --dedup`, and a
// file swapped for a pipe after the walk verify's and dedup's reads. Each run is a child with a
// generous timeout: without the fixes it never ends (nothing here measures time).
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
const SWAP_CHILD = fileURLToPath(new URL('./fixtures/fifo-swap-child.ts', import.meta.url));
const STREAM_CHILD = fileURLToPath(new URL('./fixtures/fifo-stream-child.ts', import.meta.url));
const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => fsp.rm(h, { recursive: true, force: true })));
});

/** iris:v1 and iris:v2 (the newer), each with w.bin. */
async function store(): Promise<string> {
  const home = await tempHome('shelf-fifo-files-');
  homes.push(home);
  await writeVersion(home, 'iris', 'v1', { creationTime: '2025-03-14T09:26:01.000000+00:00', files: { 'w.bin': 'same bytes' } });
  await writeVersion(home, 'iris', 'v2', { creationTime: '2025-03-14T09:26:02.000000+00:00', files: { 'w.bin': 'other bytes' } });
  await writeLatestFile(home, 'iris', 'v2');
  return home;
}

const run = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', cwd: path.dirname(MAIN), env: { ...process.env, BENTOML_HOME: '' } });
const cli = (home: string, ...args: string[]) => run([MAIN, '--home', home, ...args]);

describe('pipes in the store', () => {
  it('a pipe named latest: repair replaces it with the pointer BentoML would write', { timeout: 120_000 }, async () => {
    const home = await store();
    const latest = path.join(home, 'models', 'iris', 'latest');
    await fsp.rm(latest);
    execFileSync('mkfifo', [latest]);
    const repaired = cli(home, 'repair');
    expect(repaired.signal, 'repair blocked on the pipe').toBeNull();
    expect(repaired.stdout).toContain('fixed: iris/latest now points at v2.');
    expect(await fsp.readFile(latest, 'utf8')).toBe('v2');
  });

  it("a pipe in a name's lock file: delete takes it for a corrupt lock and deletes", { timeout: 120_000 }, async () => {
    const home = await store();
    await fsp.mkdir(path.join(home, '.model-shelf', 'locks'), { recursive: true });
    execFileSync('mkfifo', [path.join(home, '.model-shelf', 'locks', 'iris.lock')]);
    const deleted = cli(home, 'delete', 'iris:v1', '--yes');
    expect(deleted.signal, 'delete blocked on the pipe').toBeNull();
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain('Model(tag="iris:v1") deleted.');
    await expect(fsp.stat(path.join(home, 'models', 'iris', 'v1'))).rejects.toThrow(/ENOENT/);
  });

  it('a pipe for a manifest: create --dedup links to the versions whose manifests it can read', { timeout: 120_000 }, async () => {
    const home = await store();
    expect(cli(home, 'verify', 'iris:v1').status).toBe(0); // records v1's manifest
    const manifests = path.join(home, '.model-shelf', 'manifests', 'iris');
    execFileSync('mkfifo', [path.join(manifests, 'v2.json')]);
    const src = path.join(home, 'src');
    await fsp.mkdir(src);
    await fsp.writeFile(path.join(src, 'w.bin'), 'same bytes');
    const created = cli(home, 'create', 'copy:v1', path.join(src, 'w.bin'), '--dedup');
    expect(created.signal, 'create blocked on the pipe').toBeNull();
    expect(created.status, created.stderr).toBe(0);
    const [mine, twin] = await Promise.all([fsp.stat(path.join(home, 'models', 'copy', 'v1', 'w.bin')), fsp.stat(path.join(home, 'models', 'iris', 'v1', 'w.bin'))]);
    expect(mine.ino).toBe(twin.ino);
  });

  it('a file swapped for a pipe after the walk: hashing and comparing refuse it in one sentence', { timeout: 120_000 }, async () => {
    const home = await store();
    const pipe = path.join(home, 'models', 'iris', 'v1', 'w.bin');
    await fsp.rm(pipe);
    execFileSync('mkfifo', [pipe]);
    const child = run([SWAP_CHILD, pipe, path.join(home, 'models', 'iris', 'v2', 'w.bin')]);
    expect(child.signal, 'a reader blocked on the pipe').toBeNull();
    expect(child.status, child.stderr).toBe(0);
    const refused = `${pipe} was replaced by something that is not a regular file (a pipe, socket or device) while it was being hashed, so it was not read; remove it from the version and run this again.`;
    expect(JSON.parse(child.stdout.trim()) as unknown).toEqual({ small: refused, big: refused, same: false });
  });

  it("a pipe for a version's model.yaml: what a push reads of it is refused in one sentence", { timeout: 120_000 }, async () => {
    const home = await store();
    const yaml = path.join(home, 'models', 'iris', 'v1', 'model.yaml');
    await fsp.rm(yaml);
    execFileSync('mkfifo', [yaml]);
    const child = run([STREAM_CHILD, home]);
    expect(child.signal, 'a reader blocked on the pipe').toBeNull();
    expect(child.status, child.stderr).toBe(0);
    const refused = `The model.yaml of 'iris:v1' is not a regular file (a pipe, socket, device or folder), so the version cannot be sent or compared; replace ${yaml} with the version's model.yaml.`;
    expect(JSON.parse(child.stdout.trim()) as unknown).toEqual({ content: refused, stream: refused });
  });
});
