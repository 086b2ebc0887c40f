import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { xz } from '@napi-rs/lzma';
import { afterEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { exportModel } from '../../src-main/store/archive/export-model.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { makeModel, modelsSnapshot, SAMPLE_FILES, stagingLeftovers, tempHome, treeHashes } from './archive-fixtures.ts';
import { tarBuffer } from './hostile-tar.ts';

// `.tar.zst` is Model Shelf's fast format for Model Shelf-to-Model Shelf transfers (issue 13):
// the same tar as a .bentomodel, zstd-compressed. It must round-trip byte for byte, be what its
// name says (a zstd frame around our tar, read by the zstd tool too), and be refused the same
// way as the other formats when it is hostile, truncated or not what its name says.
const homes: StorePaths[] = [];
async function home(): Promise<StorePaths> {
  const p = await tempHome();
  homes.push(p);
  return p;
}
afterEach(async () => {
  for (const p of homes.splice(0)) await fsp.rm(p.home, { recursive: true, force: true });
});

async function refused(paths: StorePaths, file: string, code: string, words: RegExp): Promise<void> {
  const err = await importModel(paths, file).catch((e: unknown) => e);
  expect(isShelfError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  expect((err as Error).message).toMatch(words);
  expect(await modelsSnapshot(paths)).toEqual([]);
  expect(await stagingLeftovers(paths)).toEqual([]);
}

const YAML = serializeModelYaml(newModelInfo({ name: 'zst_clf', version: 'v1' }));

describe('.tar.zst export and import', () => {
  it('round-trips byte-identically; the file is a zstd frame around the same tar as a .tar export', { timeout: 60_000 }, async () => {
    const src = await home();
    const dst = await home();
    // A multi-MiB member: a zstd stream setting that breaks only past the first MiBs (Node's
    // multi-threaded zstd pushed output after its end) must show here.
    const v = await makeModel(src, 'iris_clf', 'aaaabbbbccccdddd', { ...SAMPLE_FILES, 'weights.bin': randomBytes(12 * 1024 * 1024) });
    const outDir = path.join(src.home, 'out');
    await fsp.mkdir(outDir);
    const file = await exportModel(src, v, `${outDir}/`, { format: 'zst' });
    expect(file).toBe(path.join(outDir, 'iris_clf-aaaabbbbccccdddd.tar.zst'));
    const named = await exportModel(src, v, path.join(outDir, 'm.tar.zst'));
    const tarFile = await exportModel(src, v, path.join(outDir, 'm.tar'));
    expect(zstdDecompressSync(await fsp.readFile(named))).toEqual(await fsp.readFile(tarFile));
    expect(execFileSync('zstd', ['-dc', named], { maxBuffer: 64 << 20 })).toEqual(await fsp.readFile(tarFile));

    const imported = await importModel(dst, file);
    expect(imported.tag).toBe('iris_clf:aaaabbbbccccdddd');
    expect(await treeHashes(imported.path)).toEqual(await treeHashes(v.path));
  });

  it('a hostile member inside a .tar.zst is refused like in any other format', async () => {
    const paths = await home();
    const tarBytes = await tarBuffer([{ name: './model.yaml', content: YAML }, { name: '../evil', content: 'x' }]);
    const file = path.join(paths.home, 'bad.tar.zst');
    await fsp.writeFile(file, zstdCompressSync(tarBytes));
    await refused(paths, file, 'UNSAFE_PATH', /'..\/evil' climbs out/);
  });

  it('a truncated .tar.zst says it is damaged or truncated', async () => {
    const paths = await home();
    const tarBytes = await tarBuffer([{ name: './model.yaml', content: YAML }, { name: './w.bin', content: Buffer.alloc(200_000, 7) }]);
    const whole = zstdCompressSync(tarBytes);
    const file = path.join(paths.home, 'cut.tar.zst');
    await fsp.writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await refused(paths, file, 'BAD_ARCHIVE', /^'cut\.tar\.zst' is damaged or truncated \(.*\); nothing was imported\. Export the model again\.$/);
  });

  it('a zstd bomb is stopped by the byte budget at the member header, not after decoding it', { timeout: 60_000 }, async () => {
    const paths = await home();
    // 1 TB declared in a member header: refused before any of its bytes are decoded or written.
    const header = await tarBuffer([{ name: './model.yaml', content: YAML }, { name: './w.bin', content: 'x' }]);
    const at = header.indexOf(Buffer.from('./w.bin\0'));
    const h = Buffer.from(header.subarray(at, at + 512));
    // base-256 size field (GNU tar's form for sizes over 8 GiB): 0x80, then big-endian bytes
    h.fill(0, 124, 136);
    h[124] = 0x80;
    h.writeUIntBE(1e12, 130, 6);
    h.fill(' ', 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    const file = path.join(paths.home, 'bomb.tar.zst');
    await fsp.writeFile(file, zstdCompressSync(Buffer.concat([header.subarray(0, at), h, Buffer.alloc(1 << 20)])));
    await refused(paths, file, 'NO_SPACE', /more than the \d+ bytes free/);
  });

  it('a .bentomodel that is zstd inside is refused (BentoML requires xz), and garbage named .tar.zst is not an archive', async () => {
    const paths = await home();
    const tarBytes = await tarBuffer([{ name: './model.yaml', content: YAML }]);
    const zstNamedBento = path.join(paths.home, 'z.bentomodel');
    await fsp.writeFile(zstNamedBento, zstdCompressSync(tarBytes));
    await refused(paths, zstNamedBento, 'BAD_ARCHIVE', /must be an xz-compressed tar, but this one is zstd-compressed/);
    const garbage = path.join(paths.home, 'g.tar.zst');
    await fsp.writeFile(garbage, Buffer.from('not an archive at all, just text'));
    await refused(paths, garbage, 'BAD_ARCHIVE', /is not a tar, tar\.gz, tar\.xz, tar\.bz2, tar\.zst, zip or \.bentomodel archive although its name ends in \.zst/);
    // and an xz tar named .tar.zst is read for what it is (the bytes decide, §7.5)
    const xzNamedZst = path.join(paths.home, 'x.tar.zst');
    await fsp.writeFile(xzNamedZst, await xz.compress(tarBytes));
    expect((await importModel(paths, xzNamedZst)).tag).toBe('zst_clf:v1');
  });
});
