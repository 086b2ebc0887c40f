// A pipe named model.yaml inside a version folder (issue 12 view 17, adversarial pass): opening a
// FIFO for reading blocks until a writer comes, and the scan opens model.yaml synchronously, so
// main froze for good at start-up (no snapshot, no preview, nothing). The service must start and
// answer, the pipe's version shown as broken, the others as they are. Run in a child process
// with a timeout, since a blocked read would also block this test's own thread.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { seedVersion } from './watcher-helpers.ts';

const CHILD = fileURLToPath(new URL('./fixtures/fifo-yaml-child.ts', import.meta.url));
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => fsp.rm(r, { recursive: true, force: true })));
});

describe('a pipe named model.yaml', () => {
  it('does not freeze the service: the snapshot, a preview and the version are answered', { timeout: 120_000 }, async () => {
    const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-fifo-yaml-'));
    roots.push(root);
    const home = path.join(root, 'home');
    const models = path.join(home, 'models');
    await seedVersion(models, 'iris', 'v1', new Date(Date.UTC(2025, 0, 1)));
    await seedVersion(models, 'iris', 'v2', new Date(Date.UTC(2025, 0, 2)));
    await fsp.rm(path.join(models, 'iris', 'v2', 'model.yaml'));
    execFileSync('mkfifo', [path.join(models, 'iris', 'v2', 'model.yaml')]);
    const run = spawnSync(process.execPath, [CHILD, home], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal, 'the service blocked on the pipe').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const said = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { ready: boolean; versions: string[]; file: string; got: string };
    expect(said).toEqual({ ready: true, versions: ['iris:v1 ok', 'iris:v2 broken'], file: 'text', got: 'broken' });
  });
});
