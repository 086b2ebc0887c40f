import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/index.ts';
import { BASE, duplicateStore, inode } from './dedup-fixtures.ts';
import { treeListing } from './fixtures/temp-store.ts';

// `model-shelf dedup` and `create/import --dedup` end to end: --dry-run and the real run print
// the same plan (the JSON shape is one), the run links what the dry run listed, and a new
// version's file identical to a stored one arrives as a link.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, '--home', home, ...args], { env: { ...process.env, BENTOML_HOME: '' }, cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface PlanJson {
  dryRun: boolean;
  groups: { keep: string; replace: string[]; size: number; frees: number }[];
  files: number;
  frees: number;
  hashedBytes: number;
  replaced?: { file: string; keep: string; method: string }[];
  freed?: number;
}

let root: string;
let home: string;
let dirs: { m1: string; m2: string; n1: string };
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-dedup-cli-'));
  home = path.join(root, 'home');
  await fsp.mkdir(path.join(root, 'src'));
  dirs = await duplicateStore(await ModelStore.open({ home }), path.join(root, 'src'));
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

describe('model-shelf dedup', () => {
  it('--dry-run lists what the run then links, in the same JSON shape, and changes nothing itself', async () => {
    const before = await treeListing(path.join(home, 'models'));
    const dry = await cli(['dedup', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout) as PlanJson;
    expect(planned.groups.map((g) => [g.keep, g.replace])).toEqual([['m:v1/base.bin', ['m:v2/base.bin', 'n:v1/weights/base.bin']]]);
    expect(planned.frees).toBe(2 * BASE.length);
    expect(await treeListing(path.join(home, 'models'))).toEqual(before);
    const run = await cli(['dedup', '--json']);
    expect(run.code).toBe(0);
    const done = JSON.parse(run.stdout) as PlanJson;
    expect(done.groups).toEqual(planned.groups);
    expect(done.replaced?.map((r) => r.file)).toEqual(planned.groups[0]?.replace);
    // This ext4 cannot clone, so the reflink attempt falls back to hard links by itself.
    expect(done.replaced?.every((r) => r.method === 'hardlink')).toBe(true);
    expect(done.freed).toBe(planned.frees);
    expect(await inode(path.join(dirs.n1, 'weights', 'base.bin'))).toBe(await inode(path.join(dirs.m1, 'base.bin')));
    expect(await treeListing(path.join(home, 'models'))).toEqual(before);
  });

  it('prints people a summary with what it read, and says when there is nothing to do', async () => {
    const dry = await cli(['dedup', '--dry-run']);
    expect(dry.stdout).toContain('  would link m:v2/base.bin\n  would link n:v1/weights/base.bin\n');
    expect(dry.stdout).toMatch(/2 duplicate files in 1 group; linking them would free 512\.00 KiB; hashed 5 of 6 files \(.*\), only those whose size another file has\.\n$/);
    const run = await cli(['dedup']);
    expect(run.stdout).toMatch(/Replaced 2 of 2 duplicate files by hard links; 512\.00 KiB freed;/);
    const again = await cli(['dedup']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No duplicate files across versions; hashed 2 of 6 files/);
    expect((await cli(['dedup', '--bogus'])).code).toBe(2);
  });

  it('create --dedup and import --dedup store a known file as a link, and only what changed as new bytes', async () => {
    const tune = path.join(root, 'tune');
    await fsp.mkdir(tune);
    await fsp.writeFile(path.join(tune, 'base.bin'), BASE);
    await fsp.writeFile(path.join(tune, 'lora.bin'), 'delta');
    const created = await cli(['create', 'm:v9', '--root', tune, '--dedup']);
    expect(created.code, created.stderr).toBe(0);
    const v9 = path.join(home, 'models', 'm', 'v9');
    expect((await fsp.stat(path.join(v9, 'base.bin'))).nlink).toBeGreaterThan(1);
    expect((await fsp.stat(path.join(v9, 'lora.bin'))).nlink).toBe(1);
    // A saved folder imported with --dedup: its base.bin too.
    const saved = path.join(root, 'saved');
    await fsp.cp(v9, saved, { recursive: true });
    await fsp.writeFile(path.join(saved, 'model.yaml'), (await fsp.readFile(path.join(saved, 'model.yaml'), 'utf8')).replace(/^version: .*$/m, 'version: v10'));
    const imported = await cli(['import', saved, '--dedup']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(await inode(path.join(home, 'models', 'm', 'v10', 'base.bin'))).toBe(await inode(path.join(v9, 'base.bin')));
    expect((await fsp.readFile(path.join(home, 'models', 'm', 'v10', 'base.bin'))).equals(BASE)).toBe(true);
    // Without --dedup a create copies, as before.
    await cli(['create', 'm:v11', '--root', tune]);
    expect((await fsp.stat(path.join(home, 'models', 'm', 'v11', 'base.bin'))).nlink).toBe(1);
  });
});
