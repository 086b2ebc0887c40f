// A pipe named bentos/<name>/<version>/bento.yaml: the in-use check read it with a plain readFile,
// which waits for a writer that never comes, holding one of libuv's four threads for good. Every
// model:get (the version's "Used by") took one more; after four, no file access of main
// answered, and the CLI's `get` and `delete` never returned. The pipe's bento must count as
// unreadable (skipped, as a damaged bento.yaml is) and the other bentos be read as before.
// Each run is a child with a generous timeout: without the fix it never ends (no timing asserted).
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const CHILD = fileURLToPath(new URL('./fixtures/fifo-bento-child.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => fsp.rm(h, { recursive: true, force: true })));
});

const bentoYaml = (name: string, tag: string): string =>
  `service: svc:Svc\nname: ${name}\nversion: v1\nmodels:\n- tag: ${tag}\n  module: ''\n  creation_time: '2025-03-14T09:26:53.413218+00:00'\n  alias: null\n  registry: bentoml\n`;

/** iris:v1 and iris:v2; bento `svc:v1` uses iris:v1; bento `piped:v1` has a pipe for its bento.yaml. */
async function store(): Promise<string> {
  const home = await tempHome('shelf-fifo-bento-');
  homes.push(home);
  await writeVersion(home, 'iris', 'v1', { creationTime: '2025-03-14T09:26:01.000000+00:00', files: { 'w.bin': 'w' } });
  await writeVersion(home, 'iris', 'v2', { creationTime: '2025-03-14T09:26:02.000000+00:00', files: { 'w.bin': 'w' } });
  await writeLatestFile(home, 'iris', 'v2');
  const svc = path.join(home, 'bentos', 'svc', 'v1');
  await fsp.mkdir(svc, { recursive: true });
  await fsp.writeFile(path.join(svc, 'bento.yaml'), bentoYaml('svc', 'iris:v1'));
  const piped = path.join(home, 'bentos', 'piped', 'v1');
  await fsp.mkdir(piped, { recursive: true });
  execFileSync('mkfifo', [path.join(piped, 'bento.yaml')]);
  return home;
}

const cli = (home: string, ...args: string[]) =>
  spawnSync(process.execPath, [MAIN, '--home', home, ...args], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, BENTOML_HOME: '' } });

describe('a pipe named bento.yaml', () => {
  it('model:get and model:usage answer, with the readable bento as the user', { timeout: 120_000 }, async () => {
    const home = await store();
    const run = spawnSync(process.execPath, [CHILD, home], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
    expect(run.signal, 'the service blocked on the pipe').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const said = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as unknown;
    expect(said).toEqual({ usedBy: Array.from({ length: 5 }, () => ['svc:v1']), usage: { 'iris:v1': ['svc:v1'], 'iris:v2': [] } });
  });

  it('the CLI: get shows who uses the version, delete refuses for the readable bento and deletes an unused version', { timeout: 180_000 }, async () => {
    const home = await store();
    const got = cli(home, 'get', 'iris:v1');
    expect(got.signal, 'get blocked on the pipe').toBeNull();
    expect(got.status, got.stderr).toBe(0);
    expect(got.stdout).toContain('Used by:   svc:v1\n');
    const refused = cli(home, 'delete', 'iris:v1', '--yes');
    expect(refused.signal, 'delete blocked on the pipe').toBeNull();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('svc:v1');
    const deleted = cli(home, 'delete', 'iris:v2', '--yes');
    expect(deleted.signal, 'delete blocked on the pipe').toBeNull();
    expect(deleted.status, deleted.stderr).toBe(0);
    await expect(fsp.stat(path.join(home, 'models', 'iris', 'v2'))).rejects.toThrow(/ENOENT/);
  });
});
