import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exists, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// `--move` of a file that has a second hard link: the store cannot take the file over without
// sharing its inode with the user's other link, so it copies it; the source link is kept (its
// removal would free nothing) and the CLI says so. Files without other links are still moved.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

function cli(args: string[], home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { ...process.env, BENTOML_HOME: home } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

describe('create --move and hard links', () => {
  it('a folder moved with one hard-linked file: the others leave, that one stays with its folder, the model holds all', async () => {
    await writeFiles(t.src, { 'w/a.bin': 'AAA', 'w/b.bin': 'BBB', 'w/sub/c.bin': 'CCC' });
    await fsp.link(path.join(t.src, 'w', 'b.bin'), path.join(t.src, 'elsewhere.bin'));
    const session = await t.store.begin({ tag: 'mv:folder' });
    const added = await session.add([path.join(t.src, 'w')], { mode: 'move' });
    expect(added.kept).toEqual([path.join(t.src, 'w', 'b.bin')]);
    const v = await session.commit();
    expect(await treeListing(path.join(v.path, 'w'))).toEqual([
      expect.stringMatching(/^a\.bin 3 /),
      expect.stringMatching(/^b\.bin 3 /),
      'sub/',
      expect.stringMatching(/^sub\/c\.bin 3 /),
    ]);
    // What is left of the source: the folder, holding only the kept file.
    expect(await treeListing(path.join(t.src, 'w'))).toEqual([expect.stringMatching(/^b\.bin 3 /)]);
    expect((await fsp.stat(path.join(t.src, 'w', 'b.bin'))).nlink).toBe(2);
    expect((await fsp.stat(path.join(v.path, 'w', 'b.bin'))).nlink).toBe(1);
  });

  it('model-shelf create --move says which files it left in place, on stderr, and still prints the tag last', async () => {
    const home = path.join(t.home, '..', 'cli-home');
    await writeFiles(t.src, { 'm/x.bin': 'X', 'm/y.bin': 'Y' });
    await fsp.link(path.join(t.src, 'm', 'y.bin'), path.join(t.src, 'y-other.bin'));
    const run = await cli(['create', 'linked:v1', '--move', path.join(t.src, 'm')], home);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('linked:v1');
    expect(run.stderr).toContain(`Left in place (other hard links share their data, so they were copied, not moved): '${path.join(t.src, 'm', 'y.bin')}'.`);
    expect(await exists(path.join(t.src, 'm', 'x.bin'))).toBe(false);
    expect(await fsp.readFile(path.join(t.src, 'm', 'y.bin'), 'utf8')).toBe('Y');
    expect(await fsp.readFile(path.join(home, 'models', 'linked', 'v1', 'm', 'y.bin'), 'utf8')).toBe('Y');
  });

  it('a move without hard links prints no such line', async () => {
    const home = path.join(t.home, '..', 'cli-home');
    await writeFiles(t.src, { 'm/x.bin': 'X' });
    const run = await cli(['create', 'plain:v1', '--move', path.join(t.src, 'm')], home);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('Left in place');
    expect(await exists(path.join(t.src, 'm'))).toBe(false);
  });
});
