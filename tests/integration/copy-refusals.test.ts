import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// Everything that would break a copy half-way is refused before the first byte is copied,
// and the session stays usable.

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await writeFiles(t.src, { 'good.bin': 'good', 'a/model.yaml': 'name: x', 'b/model.yaml': 'y', 'dup1/w.bin': '1', 'dup2/w.bin': '2' });
});
afterEach(async () => {
  await t.cleanup();
});

async function expectRefused(paths: string[], code: string, text: RegExp, root = false): Promise<void> {
  const session = await t.store.begin({ tag: 'm' });
  await session.add([path.join(t.src, 'good.bin')]);
  const staged = await treeListing(session.stagingDir);
  const error = await session.add(paths, { root }).then(() => null, (e: unknown) => e);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(text);
  // Nothing of the refused add was copied; the earlier item is still there and commits.
  expect(await treeListing(session.stagingDir)).toEqual(staged);
  const v = await session.commit();
  expect((await fsp.readdir(v.path)).sort()).toEqual(['good.bin', 'model.yaml']);
}

describe('refusals before any copy', () => {
  it('refuses an item named model.yaml', async () => {
    await expectRefused([path.join(t.src, 'a', 'model.yaml')], 'INVALID_ARGUMENT', /model\.yaml/);
  });

  it('refuses a root folder holding model.yaml', async () => {
    await expectRefused([path.join(t.src, 'b')], 'INVALID_ARGUMENT', /import it instead/, true);
  });

  it('refuses two items with the same name, also against earlier adds', async () => {
    await expectRefused([path.join(t.src, 'dup1', 'w.bin'), path.join(t.src, 'dup2', 'w.bin')], 'INVALID_ARGUMENT', /Two items are named 'w\.bin'/);
    await expectRefused([path.join(t.src, 'good.bin')], 'INVALID_ARGUMENT', /'good\.bin'/);
  });

  it('refuses a FIFO anywhere in a folder', async () => {
    await fsp.mkdir(path.join(t.src, 'withfifo'));
    await writeFiles(t.src, { 'withfifo/first.bin': 'x'.repeat(1000) });
    execFileSync('mkfifo', [path.join(t.src, 'withfifo', 'pipe')]);
    await expectRefused([path.join(t.src, 'withfifo')], 'INVALID_ARGUMENT', /FIFO/);
  });

  it('refuses symbolic link loops, direct and through a parent folder', async () => {
    await fsp.symlink('self', path.join(t.src, 'self'));
    await expectRefused([path.join(t.src, 'self')], 'INVALID_ARGUMENT', /loop/);
    await fsp.mkdir(path.join(t.src, 'cyc/inner'), { recursive: true });
    await fsp.symlink('..', path.join(t.src, 'cyc/inner/up'));
    await expectRefused([path.join(t.src, 'cyc')], 'INVALID_ARGUMENT', /loop/);
  });

  it("refuses the store's own folders, also its staging area and a link into it inside a folder", async () => {
    await expectRefused([t.store.paths.staging], 'INVALID_ARGUMENT', /is inside this store's Model Shelf folder .*nothing was added/);
    await expectRefused([path.join(t.home, 'models')], 'INVALID_ARGUMENT', /is this store's models folder/);
    await fsp.mkdir(path.join(t.src, 'withlink'));
    await fsp.symlink(t.store.paths.private, path.join(t.src, 'withlink', 'state'));
    await expectRefused([path.join(t.src, 'withlink')], 'INVALID_ARGUMENT', /'[^']*withlink\/state' is a symbolic link into this store's Model Shelf folder/);
  });

  it('refuses a missing path and a dangling link with NOT_FOUND', async () => {
    await expectRefused([path.join(t.src, 'nope.bin')], 'NOT_FOUND', /does not exist/);
    await fsp.symlink(path.join(t.src, 'gone'), path.join(t.src, 'dangling'));
    await expectRefused([path.join(t.src, 'dangling')], 'NOT_FOUND', /does not exist/);
  });
});
