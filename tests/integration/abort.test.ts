import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bentomlVersion, exists, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'm', 'existing', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'w' });
  await fsp.writeFile(path.join(t.home, 'models', 'm', 'latest'), 'existing');
});
afterEach(async () => {
  await t.cleanup();
});

// Big files go through the system `cp` by default, through Node's own chunked copy with
// MODEL_SHELF_COPY_ENGINE=node (and on Windows): both must cancel cleanly mid-file.
describe.each(['cp', 'node'])('abort (copy engine %s)', (engine) => {
  beforeEach(() => {
    if (engine === 'node') process.env.MODEL_SHELF_COPY_ENGINE = 'node';
  });
  afterEach(() => {
    delete process.env.MODEL_SHELF_COPY_ENGINE;
  });

  it('abort after adds removes the staging and leaves models/ untouched', async () => {
    const before = await treeListing(path.join(t.home, 'models'));
    await writeFiles(t.src, { 'a.bin': 'a', 'd/b.bin': 'b' });
    const session = await t.store.begin({ tag: 'm' });
    await session.add([path.join(t.src, 'a.bin'), path.join(t.src, 'd')]);
    await session.abort();
    expect(await exists(session.stagingDir)).toBe(false);
    expect(await treeListing(path.join(t.home, 'models'))).toEqual(before);
    await expect(session.commit()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('an AbortSignal mid-copy stops the copy, removes the staging and leaves models/ untouched', async () => {
    const before = await treeListing(path.join(t.home, 'models'));
    // 256 MiB, mostly holes: big enough for many 8 MiB chunks, cheap to create.
    const big = path.join(t.src, 'big.bin');
    const handle = await fsp.open(big, 'w');
    await handle.truncate(256 * 1024 * 1024);
    await handle.write(Buffer.from('tail'), 0, 4, 256 * 1024 * 1024 - 4);
    await handle.close();
    const session = await t.store.begin({ tag: 'm' });
    const controller = new AbortController();
    let seen = 0;
    const error = await session
      .add([big], {
        signal: controller.signal,
        onProgress: (e) => {
          seen = e.bytesDone;
          if (e.current === 'big.bin' && e.bytesDone < e.bytesTotal) controller.abort();
        },
      })
      .then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(seen).toBeLessThan(256 * 1024 * 1024);
    expect(await exists(session.stagingDir)).toBe(false);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
    expect(await treeListing(path.join(t.home, 'models'))).toEqual(before);
  });

  it('session.abort() while an add is copying cancels the copy and removes everything', async () => {
    const big = path.join(t.src, 'big.bin');
    const handle = await fsp.open(big, 'w');
    await handle.truncate(256 * 1024 * 1024);
    await handle.close();
    const session = await t.store.begin({ tag: 'm' });
    let aborting: Promise<void> | undefined;
    const adding = session.add([big], {
      onProgress: (e) => {
        if (aborting === undefined && e.current === 'big.bin' && e.bytesDone < e.bytesTotal) aborting = session.abort();
      },
    });
    await expect(adding).rejects.toMatchObject({ code: 'ABORTED' });
    await aborting;
    expect(await exists(session.stagingDir)).toBe(false);
    expect(await fsp.readdir(path.join(t.home, 'models'))).toEqual(['m']);
  });

  it('a failed add (source vanished) cleans its own items and keeps the session usable', async () => {
    await writeFiles(t.src, { 'ok.bin': 'ok' });
    const session = await t.store.begin({ tag: 'm:v2' });
    await expect(session.add([path.join(t.src, 'missing.bin')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await session.add([path.join(t.src, 'ok.bin')]);
    const v = await session.commit();
    expect((await fsp.readdir(v.path)).sort()).toEqual(['model.yaml', 'ok.bin']);
  });
});
