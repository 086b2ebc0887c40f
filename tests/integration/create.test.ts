import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ProgressEvent } from '../../src-main/shared/model-types.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { exists, readLatestFile, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

describe('create session', () => {
  it('commits files and folders as one complete version with model.yaml and latest', async () => {
    await writeFiles(t.src, { 'weights.bin': Buffer.alloc(3000, 7), 'tok/vocab.txt': 'a\nb\n', 'tok/sub/merges.txt': 'x' });
    const session = await t.store.begin({ tag: 'Iris_CLF', labels: { stage: 'dev' }, metadata: { acc: 0.9 } });
    expect(session.tag).toMatch(/^iris_clf:[a-z2-7]{16}$/);
    const events: ProgressEvent[] = [];
    const added = await session.add([path.join(t.src, 'weights.bin'), path.join(t.src, 'tok')], { onProgress: (e) => events.push(e) });
    expect(added.bytes).toBe(3000 + 4 + 1);
    expect(events.at(-1)).toMatchObject({ id: session.id, bytesDone: 3005, bytesTotal: 3005 });
    // Until the commit, nothing at all appears under models/ (not even the name directory).
    expect(await fsp.readdir(path.join(t.home, 'models'))).toEqual([]);
    const version = await session.commit();

    expect(version).toMatchObject({ tag: session.tag, status: 'ok', latest: true, labels: { stage: 'dev' } });
    const dir = path.join(t.home, 'models', 'iris_clf', version.version);
    expect(await treeListing(dir)).toEqual(expect.arrayContaining([expect.stringMatching(/^weights\.bin 3000 /), 'tok/', 'tok/sub/', expect.stringMatching(/^tok\/vocab\.txt 4 /)]));
    const info = parseModelYaml(await fsp.readFile(path.join(dir, 'model.yaml'), 'utf8'));
    expect(info).toMatchObject({ name: 'iris_clf', version: version.version, module: '', api_version: 'v1', labels: { stage: 'dev' }, metadata: { acc: 0.9 } });
    expect(info.creation_time).toBe(session.creationTime);
    expect(await readLatestFile(t.home, 'iris_clf')).toBe(version.version);
    // Only BentoML's own entries under models/, nothing left in staging.
    expect(await fsp.readdir(path.join(t.home, 'models'))).toEqual(['iris_clf']);
    expect((await fsp.readdir(path.join(t.home, 'models', 'iris_clf'))).sort()).toEqual([version.version, 'latest'].sort());
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });

  it('places one folder\'s contents at the root and follows symbolic links like copytree', async () => {
    await writeFiles(t.src, { 'out/a.txt': 'A', 'out/deep/b.txt': 'BB', 'elsewhere/real.bin': 'REAL' });
    await fsp.symlink(path.join(t.src, 'elsewhere/real.bin'), path.join(t.src, 'out/link.bin'));
    await fsp.symlink(path.join(t.src, 'elsewhere'), path.join(t.src, 'out/linkdir'));
    const session = await t.store.begin({ tag: 'm:v1' });
    await session.add([path.join(t.src, 'out')], { root: true });
    const v = await session.commit();
    expect(v.tag).toBe('m:v1');
    const listing = await treeListing(v.path);
    expect(listing.filter((l) => !l.startsWith('model.yaml'))).toEqual([
      expect.stringMatching(/^a\.txt 1 /),
      'deep/',
      expect.stringMatching(/^deep\/b\.txt 2 /),
      expect.stringMatching(/^link\.bin 4 /),
      'linkdir/',
      expect.stringMatching(/^linkdir\/real\.bin 4 /),
    ]);
    expect((await fsp.lstat(path.join(v.path, 'link.bin'))).isSymbolicLink()).toBe(false);
  });

  it.each(['cp', 'node'])('copies a big file byte for byte with the %s engine, mode and mtime kept', async (engine) => {
    if (engine === 'node') process.env.MODEL_SHELF_COPY_ENGINE = 'node';
    onTestFinished(() => {
      delete process.env.MODEL_SHELF_COPY_ENGINE;
    });
    const big = path.join(t.src, 'big.bin');
    const chunk = randomBytes(1024 * 1024 + 7);
    const handle = await fsp.open(big, 'w');
    for (let i = 0; i < 70; i++) await handle.write(chunk.subarray(i % 7));
    await handle.close();
    await fsp.chmod(big, 0o640);
    await fsp.utimes(big, new Date('2024-05-05T00:00:00Z'), new Date('2024-05-05T00:00:00Z'));
    const session = await t.store.begin({ tag: 'big' });
    const events: ProgressEvent[] = [];
    await session.add([big], { onProgress: (e) => events.push(e) });
    const v = await session.commit();
    const [src, dst] = await Promise.all([fsp.readFile(big), fsp.readFile(path.join(v.path, 'big.bin'))]);
    expect(dst.equals(src)).toBe(true);
    const stat = await fsp.stat(path.join(v.path, 'big.bin'));
    expect(stat.mode & 0o777).toBe(0o640);
    expect(stat.mtime.toISOString()).toBe('2024-05-05T00:00:00.000Z');
    // An event names the big file while it is being copied, and the last one says it is done.
    expect(events.some((e) => e.current === 'big.bin' && e.bytesDone < e.bytesTotal)).toBe(true);
    const size = (await fsp.stat(big)).size;
    expect(events.at(-1)).toMatchObject({ bytesDone: size, bytesTotal: size });
    // Node's own copy reports chunk by chunk.
    if (engine === 'node') expect(events.filter((e) => e.bytesDone > 0 && e.bytesDone < e.bytesTotal).length).toBeGreaterThan(0);
  });

  it('refuses an existing tag and the version "latest" before anything is staged', async () => {
    const first = await t.store.begin({ tag: 'm:v1' });
    await first.commit();
    await expect(t.store.begin({ tag: 'm:v1' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(t.store.begin({ tag: 'm:latest' })).rejects.toMatchObject({ code: 'INVALID_TAG' });
    await expect(t.store.begin({ tag: 'bad name' })).rejects.toMatchObject({ code: 'INVALID_TAG' });
    await expect(t.store.begin({ tag: 'm', labels: { a: 1 } as never })).rejects.toMatchObject({ code: 'INVALID_LABELS' });
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });

  it('keeps latest on the greatest creation_time when an older session commits last', async () => {
    const older = await t.store.begin({ tag: 'm:old' });
    await new Promise((r) => setTimeout(r, 5));
    const newer = await t.store.begin({ tag: 'm:new' });
    await newer.commit();
    const committedOld = await older.commit();
    expect(committedOld.latest).toBe(false);
    expect(await readLatestFile(t.home, 'm')).toBe('new');
  });

  it('move mode leaves the sources until the commit, then removes them', async () => {
    await writeFiles(t.src, { 'big.bin': Buffer.alloc(5000, 1), 'dir/x.txt': 'x' });
    const session = await t.store.begin({ tag: 'mv:v1' });
    await session.add([path.join(t.src, 'big.bin'), path.join(t.src, 'dir')], { mode: 'move' });
    expect(await exists(path.join(t.src, 'big.bin'))).toBe(true);
    const v = await session.commit();
    expect(await exists(path.join(t.src, 'big.bin'))).toBe(false);
    expect(await exists(path.join(t.src, 'dir'))).toBe(false);
    expect((await fsp.stat(path.join(v.path, 'big.bin'))).size).toBe(5000);
    expect(await fsp.readFile(path.join(v.path, 'dir/x.txt'), 'utf8')).toBe('x');
  });

  it('move mode with root: the folder\'s contents become the version, links are copied and their targets kept', async () => {
    await writeFiles(t.src, { 'out/a.bin': 'A', 'out/sub/b.bin': 'B', 'target.bin': 'T' });
    await fsp.symlink(path.join(t.src, 'target.bin'), path.join(t.src, 'out', 'l.bin'));
    const session = await t.store.begin({ tag: 'mv:root' });
    await session.add([path.join(t.src, 'out')], { mode: 'move', root: true });
    const v = await session.commit();
    expect((await fsp.readdir(v.path)).sort()).toEqual(['a.bin', 'l.bin', 'model.yaml', 'sub']);
    expect(await fsp.readFile(path.join(v.path, 'l.bin'), 'utf8')).toBe('T');
    expect(await exists(path.join(t.src, 'out'))).toBe(false);
    expect(await fsp.readFile(path.join(t.src, 'target.bin'), 'utf8')).toBe('T');
  });

  it('move mode copies a file that has other hard links and keeps its source: writing to the other link leaves the stored file alone', async () => {
    await writeFiles(t.src, { 'a.bin': 'AAA' });
    await fsp.link(path.join(t.src, 'a.bin'), path.join(t.src, 'b.bin'));
    const session = await t.store.begin({ tag: 'mv:linked' });
    const added = await session.add([path.join(t.src, 'a.bin')], { mode: 'move' });
    expect(added.kept).toEqual([path.join(t.src, 'a.bin')]);
    const v = await session.commit();
    // Removing a.bin would free nothing (b.bin holds the data): it stays, still linked to b.bin.
    expect((await fsp.stat(path.join(t.src, 'a.bin'))).nlink).toBe(2);
    await fsp.writeFile(path.join(t.src, 'b.bin'), 'changed outside');
    expect(await fsp.readFile(path.join(v.path, 'a.bin'), 'utf8')).toBe('AAA');
    expect((await fsp.stat(path.join(v.path, 'a.bin'))).nlink).toBe(1);
  });

  it('move mode: a source changed after the add is not stored; the commit refuses and keeps it', async () => {
    await writeFiles(t.src, { 'a.bin': 'AAA' });
    const session = await t.store.begin({ tag: 'mv:changed' });
    await session.add([path.join(t.src, 'a.bin')], { mode: 'move' });
    await fsp.utimes(path.join(t.src, 'a.bin'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const error = await session.commit().then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'BUSY' });
    expect((error as Error).message).toContain('changed while it was being moved; nothing was saved');
    expect(await fsp.readFile(path.join(t.src, 'a.bin'), 'utf8')).toBe('AAA');
    expect(await exists(path.join(t.home, 'models', 'mv'))).toBe(false);
  });

  it('move mode: a source hard-linked elsewhere after the add no longer shares the stored file', async () => {
    await writeFiles(t.src, { 'a.bin': 'AAA' });
    const session = await t.store.begin({ tag: 'mv:linked' });
    await session.add([path.join(t.src, 'a.bin')], { mode: 'move' });
    await fsp.link(path.join(t.src, 'a.bin'), path.join(t.src, 'other.bin'));
    const v = await session.commit();
    expect(await exists(path.join(t.src, 'a.bin'))).toBe(false);
    await fsp.writeFile(path.join(t.src, 'other.bin'), 'changed outside');
    expect(await fsp.readFile(path.join(v.path, 'a.bin'), 'utf8')).toBe('AAA');
    expect((await fsp.stat(path.join(v.path, 'a.bin'))).nlink).toBe(1);
    expect((await fsp.readdir(v.path)).sort()).toEqual(['a.bin', 'model.yaml']);
  });

  it('move mode then abort gives the user back every source untouched', async () => {
    await writeFiles(t.src, { 'a.bin': 'AAA', 'd/b.txt': 'B' });
    const before = await treeListing(t.src);
    const session = await t.store.begin({ tag: 'mv:v1' });
    await session.add([path.join(t.src, 'a.bin'), path.join(t.src, 'd')], { mode: 'move' });
    await session.abort();
    expect(await treeListing(t.src)).toEqual(before);
    expect(await exists(path.join(t.home, 'models', 'mv'))).toBe(false);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});
