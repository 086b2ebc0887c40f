import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/index.ts';
import { bentomlVersion, treeListing, writeFiles } from './fixtures/temp-store.ts';

// `model-shelf verify` end to end (issue 11 §4): it names each file that changed, went missing
// or appeared; a BentoML-saved version gets its manifest on first verify, marked "recorded now,
// not at save time", written in .model-shelf/ only; exit 0 intact, 3 changed, 4 not verified,
// 1 error, 2 usage.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, '--home', home, ...args], { env: { ...process.env, BENTOML_HOME: '' }, cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let root: string;
let home: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-verify-cli-'));
  home = path.join(root, 'home');
  const store = await ModelStore.open({ home });
  const src = path.join(root, 'src');
  await writeFiles(src, { 'weights.bin': 'w'.repeat(5000), 'sub/tok.json': '{"a":1}', 'gone.txt': 'bye' });
  const session = await store.begin({ tag: 'm:v1' });
  await session.add([src], { root: true });
  await session.commit();
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

describe('model-shelf verify', () => {
  it('says intact and exits 0 for an untouched version', async () => {
    const r = await cli(['verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^intact {4}m:v1 \(4 files, /m);
    expect(r.stdout).toContain('1 version: 1 intact, 0 changed, 0 recorded now, 0 not verified.');
  });

  it('names each changed, missing and appeared file and exits 3; --json says the same', async () => {
    const dir = path.join(home, 'models', 'm', 'v1');
    // Same size, other bytes: only the hash can tell.
    await fsp.writeFile(path.join(dir, 'weights.bin'), `${'w'.repeat(4999)}x`);
    await fsp.rm(path.join(dir, 'gone.txt'));
    await fsp.writeFile(path.join(dir, 'sub', 'new.bin'), 'new');
    const r = await cli(['verify', 'm:v1']);
    expect(r.code).toBe(3);
    expect(r.stdout.split('\n').slice(1, 4)).toEqual(['  changed:  weights.bin', '  missing:  gone.txt', '  appeared: sub/new.bin']);
    expect(r.stdout).toMatch(/^CHANGED {3}m:v1 \(manifest recorded at save time, /);
    const j = await cli(['verify', 'm', '--json']);
    expect(j.code).toBe(3);
    const parsed = JSON.parse(j.stdout) as { versions: { tag: string; state: string; changed: string[]; missing: string[]; appeared: string[] }[]; changed: number };
    expect(parsed.changed).toBe(1);
    expect(parsed.versions[0]).toMatchObject({ tag: 'm:v1', state: 'changed', changed: ['weights.bin'], missing: ['gone.txt'], appeared: ['sub/new.bin'] });
  });

  it('records a manifest for a BentoML-saved version on first verify (in .model-shelf/ only), then checks against it', async () => {
    await bentomlVersion(home, 'bento_saved', 'v7', '2025-01-01T00:00:00.000000+00:00', { 'model.pkl': 'pickle' });
    const models = await treeListing(path.join(home, 'models'));
    const first = await cli(['verify', 'bento_saved:v7']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^recorded {2}bento_saved:v7 \(2 files, .*; no manifest yet: recorded now, not at save time\)$/m);
    expect(await treeListing(path.join(home, 'models'))).toEqual(models);
    const manifest = JSON.parse(await fsp.readFile(path.join(home, '.model-shelf', 'manifests', 'bento_saved', 'v7.json'), 'utf8')) as { atSave: boolean; recordedBy: string };
    expect(manifest).toMatchObject({ atSave: false, recordedBy: 'verify' });
    const second = await cli(['verify', 'bento_saved:v7']);
    expect(second.stdout).toMatch(/^intact {4}bento_saved:v7 \(2 files, .*; as first verified at /m);
    await fsp.appendFile(path.join(home, 'models', 'bento_saved', 'v7', 'model.pkl'), '!');
    const third = await cli(['verify', 'bento_saved:v7', '--json']);
    expect(third.code).toBe(3);
    expect((JSON.parse(third.stdout) as { versions: { changed: string[]; atSave: boolean }[] }).versions[0]).toMatchObject({ changed: ['model.pkl'], atSave: false });
  });

  it('skips a version that is still being written (exit 4), and refuses an unknown tag (exit 1) and a bad option (exit 2)', async () => {
    await fsp.mkdir(path.join(home, 'models', 'half', 'v1'), { recursive: true });
    await fsp.writeFile(path.join(home, 'models', 'half', 'v1', 'w.bin'), 'partial');
    const r = await cli(['verify']);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^skipped {3}half:v1: 'half:v1' has no complete model.yaml yet/m);
    expect(await fsp.readdir(path.join(home, '.model-shelf', 'manifests'))).toEqual(['m']);
    const unknown = await cli(['verify', 'nope:v1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: .*\n$/);
    expect((await cli(['verify', '--bogus'])).code).toBe(2);
  });
});
