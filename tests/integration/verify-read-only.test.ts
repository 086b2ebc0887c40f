import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/index.ts';
import { asNobodyArgs, DROPS_TO_NOBODY } from './fixtures/as-nobody.ts';
import { bentomlVersion, treeListing, writeFiles } from './fixtures/temp-store.ts';

// verify on a store it may not write to (issue 11 "Bad input: a read-only store"): the versions
// that have a manifest are verified as usual; one without is reported in one sentence and
// skipped (exit 4); dedup lists but does not link. Nothing in the store changes. Run as 'nobody'
// when the tests run as root.

const PROGRAM = fileURLToPath(new URL('../../src-main/cli/program.ts', import.meta.url));

let root: string;
let home: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-verify-ro-'));
  await fsp.chmod(root, 0o755);
  home = path.join(root, 'home');
  const store = await ModelStore.open({ home });
  await writeFiles(path.join(root, 'src'), { 'w.bin': 'weights' });
  const session = await store.begin({ tag: 'saved:v1' });
  await session.add([path.join(root, 'src')], { root: true });
  await session.commit();
  await bentomlVersion(home, 'bento_saved', 'v1', '2025-01-01T00:00:00.000000+00:00', { 'model.pkl': 'pickle' });
  // Readable by everyone, writable by nobody else; without root, the owner loses write too.
  await fsp.chmod(root, 0o755);
  if (!DROPS_TO_NOBODY) await fsp.chmod(path.join(home, '.model-shelf'), 0o555);
});
afterEach(async () => {
  await fsp.chmod(path.join(home, '.model-shelf'), 0o755).catch(() => undefined);
  await fsp.rm(root, { recursive: true, force: true });
});

function asReader(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, asNobodyArgs(PROGRAM, 'runCli', ['--home', home, ...args]), { env: { ...process.env, BENTOML_HOME: '' }, cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('verify on a store it may not write to', () => {
  it('verifies what has a manifest, skips the rest in one sentence each, and changes nothing', async () => {
    const before = await treeListing(home);
    const r = await asReader(['verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^intact {4}saved:v1 /m);
    expect(r.stdout).toMatch(/^skipped {3}bento_saved:v1: 'bento_saved:v1' has no manifest yet, and none could be recorded: [^\n]+\.\n/m);
    expect(await treeListing(home)).toEqual(before);
  });

  it('dedup --dry-run lists the duplicates; dedup itself refuses in one sentence and links nothing', async () => {
    await writeFiles(path.join(home, 'models', 'bento_saved', 'v1'), { 'w.bin': 'weights' });
    const before = await treeListing(home);
    const dry = await asReader(['dedup', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { files: number }).files).toBe(1);
    const run = await asReader(['dedup']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: Model Shelf is not allowed to write to [^\n]+\.\n$/);
    expect(await treeListing(home)).toEqual(before);
  });
});
