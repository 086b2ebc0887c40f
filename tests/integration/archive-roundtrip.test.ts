import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecompressStream } from '@napi-rs/lzma/xz';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import type { ProgressEvent } from '../../src-main/shared/model-types.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { exportModel } from '../../src-main/store/archive/export-model.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { makeModel, modelsSnapshot, stagingLeftovers, tempHome, treeHashes } from './archive-fixtures.ts';

const homes: StorePaths[] = [];
async function home(): Promise<StorePaths> {
  const p = await tempHome();
  homes.push(p);
  return p;
}
afterEach(async () => {
  for (const p of homes.splice(0)) await fsp.rm(p.home, { recursive: true, force: true });
});

/** Raw member names of a tar.xz, read with tar-stream (not with our own reader). */
async function xzTarNames(file: string): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  const done = pipeline(Readable.from(await fsp.readFile(file)), createDecompressStream(), extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  await done;
  return names;
}

const EXPECTED = ['.hidden', 'empty-dir/', 'empty.txt', 'model.pkl', 'model.yaml', 'sub/', 'sub/a.txt', 'sub/deep/', 'sub/deep/Zoë.bin'];

describe('export -> import', () => {
  it('writes a .bentomodel like BentoML >=1.4.20 (xz, CRC64, "./" members sorted depth-first) that imports byte-identically', async () => {
    const src = await home();
    const dst = await home();
    const v = await makeModel(src, 'iris_clf', 'aaaabbbbccccdddd');
    const outDir = path.join(src.home, 'out');
    await fsp.mkdir(outDir);
    const events: ProgressEvent[] = [];
    const file = await exportModel(src, v, outDir, { onProgress: (e) => events.push(e) });
    expect(file).toBe(path.join(outDir, 'iris_clf-aaaabbbbccccdddd.bentomodel'));
    expect(await fsp.readdir(outDir)).toEqual(['iris_clf-aaaabbbbccccdddd.bentomodel']);
    const head = (await fsp.readFile(file)).subarray(0, 8);
    expect([...head.subarray(0, 6)]).toEqual([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
    expect(head[7]).toBe(0x04); // stream flags: CRC64 check
    expect(await xzTarNames(file)).toEqual(['./', ...EXPECTED.map((n) => `./${n}`)]);
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytesDone: events.at(-1)?.bytesTotal });

    const imported = await importModel(dst, file);
    expect(imported.tag).toBe('iris_clf:aaaabbbbccccdddd');
    expect(await treeHashes(imported.path)).toEqual(await treeHashes(v.path));
    expect(await fsp.readFile(path.join(dst.models, 'iris_clf', 'latest'), 'utf8')).toBe('aaaabbbbccccdddd');
    expect(await stagingLeftovers(dst)).toEqual([]);
  });

  it("writes plain member names (BentoML <=1.4.19 style) with prefix ''", async () => {
    const src = await home();
    const dst = await home();
    const v = await makeModel(src, 'iris_clf', 'v1');
    const file = await exportModel(src, v, path.join(src.home, 'plain'), { prefix: '' });
    expect(file).toBe(path.join(src.home, 'plain.bentomodel'));
    expect(await xzTarNames(file)).toEqual(EXPECTED);
    const imported = await importModel(dst, file);
    expect(await treeHashes(imported.path)).toEqual(await treeHashes(v.path));
  });

  it.each(['m.tar', 'm.tar.gz', 'm.tar.xz', 'm.zip'])('round-trips %s byte-identically', async (name) => {
    const src = await home();
    const dst = await home();
    const v = await makeModel(src, 'iris_clf', 'v2');
    const file = await exportModel(src, v, path.join(src.home, name));
    expect(file).toBe(path.join(src.home, name));
    const imported = await importModel(dst, file);
    expect(await treeHashes(imported.path)).toEqual(await treeHashes(v.path));
  });

  it('reads tar.bz2 and tar archives made by the system tar, and zip made by Info-ZIP', async () => {
    const src = await home();
    const v = await makeModel(src, 'iris_clf', 'v3');
    for (const [name, cmd, args] of [
      ['x.tar.bz2', 'tar', ['-cjf']],
      ['x.tgz', 'tar', ['-czf']],
      ['x.tar', 'tar', ['-cf']],
    ] as const) {
      const dst = await home();
      const file = path.join(src.home, name);
      execFileSync(cmd, [...args, file, '-C', v.path, '.']);
      const imported = await importModel(dst, file);
      expect(await treeHashes(imported.path)).toEqual(await treeHashes(v.path));
    }
    // Info-ZIP without a UTF-8 locale stores raw names that every reader (Python's zipfile too)
    // decodes as CP437, so this part uses ASCII names; it also skips empty folders unless asked.
    const ascii = await makeModel(src, 'ascii', 'v1', { 'model.pkl': 'p', 'sub/a.txt': 'a' });
    const dst = await home();
    const zipFile = path.join(src.home, 'info.zip');
    execFileSync('zip', ['-qr', zipFile, '.'], { cwd: ascii.path });
    const imported = await importModel(dst, zipFile);
    const files = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !k.endsWith('/')));
    expect(files(await treeHashes(imported.path))).toEqual(files(await treeHashes(ascii.path)));
  });

  it('archives regular files and folders only: a symlink in the version dir is stored as the file it points at', async () => {
    const src = await home();
    const dst = await home();
    const v = await makeModel(src, 'iris_clf', 'v7');
    await fsp.symlink('model.pkl', path.join(v.path, 'alias.pkl'));
    const file = await exportModel(src, v, path.join(src.home, 'l.bentomodel'));
    const types: string[] = [];
    const extract = tar.extract();
    const done = pipeline(Readable.from(await fsp.readFile(file)), createDecompressStream(), extract as unknown as NodeJS.WritableStream);
    for await (const entry of extract) {
      types.push(`${entry.header.name}:${entry.header.type}`);
      entry.resume();
    }
    await done;
    expect(types).toContain('./alias.pkl:file');
    const imported = await importModel(dst, file);
    const tree = await treeHashes(imported.path);
    expect(tree['alias.pkl']).toBe(tree['model.pkl']);
  });

  it('refuses a second import of the same tag and leaves the store unchanged', async () => {
    const src = await home();
    const dst = await home();
    const v = await makeModel(src, 'iris_clf', 'v4');
    const file = await exportModel(src, v, `${src.home}/`);
    await importModel(dst, file);
    const before = await modelsSnapshot(dst);
    const err = await importModel(dst, file).catch((e: unknown) => e);
    expect(isShelfError(err) && err.code).toBe('ALREADY_EXISTS');
    expect((err as Error).message).toBe(`Model 'iris_clf:v4' already exists in ${dst.models}; delete it first or keep the one you have.`);
    expect(await modelsSnapshot(dst)).toEqual(before);
    expect(await stagingLeftovers(dst)).toEqual([]);
  });

  it('names exports like BentoML (§7.2) and replaces nothing when cancelled', async () => {
    const src = await home();
    const v = await makeModel(src, 'iris_clf', 'v5');
    expect(await exportModel(src, v, path.join(src.home, 'a.gz'))).toBe(path.join(src.home, 'a.gz'));
    expect(await exportModel(src, v, path.join(src.home, 'm.foo'))).toBe(path.join(src.home, 'm.foo.bentomodel'));
    expect(await exportModel(src, v, 'rel', { cwd: src.home })).toBe(path.join(src.home, 'rel.bentomodel'));
    const outDir = path.join(src.home, 'cancel');
    await fsp.mkdir(outDir);
    const ctl = new AbortController();
    const err = await exportModel(src, v, outDir, { signal: ctl.signal, onProgress: () => ctl.abort() }).catch((e: unknown) => e);
    expect(isShelfError(err) && err.code).toBe('ABORTED');
    expect(await fsp.readdir(outDir)).toEqual([]);
    const bz = await exportModel(src, v, path.join(src.home, 'x.bz2')).catch((e: unknown) => e);
    expect(isShelfError(bz) && bz.code).toBe('INVALID_ARGUMENT');
  });

  it('cancels an import and leaves nothing behind', async () => {
    const src = await home();
    const dst = await home();
    const v = await makeModel(src, 'iris_clf', 'v6');
    const file = await exportModel(src, v, path.join(src.home, 'c.tar'));
    const ctl = new AbortController();
    const err = await importModel(dst, file, { signal: ctl.signal, onProgress: () => ctl.abort() }).catch((e: unknown) => e);
    expect(isShelfError(err) && err.code).toBe('ABORTED');
    expect(await modelsSnapshot(dst)).toEqual([]);
    expect(await stagingLeftovers(dst)).toEqual([]);
  });
});
