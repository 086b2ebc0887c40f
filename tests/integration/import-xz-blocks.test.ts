import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { xzStreamEnd, xzStreamHeader, type XzRecord } from '../../src-main/store/archive/xz-index.ts';
import { readXzLayout } from '../../src-main/store/archive/xz-layout.ts';
import { parallelXzCompressor } from '../../src-main/store/archive/xz-parallel.ts';
import { openXzBlocks, XZ_DECODE_MAX_BLOCK } from '../../src-main/store/archive/xz-parallel-decode.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { modelsSnapshot, stagingLeftovers, tempHome } from './archive-fixtures.ts';
import { tarBuffer } from './hostile-tar.ts';

// Model Shelf's own .bentomodel files are one xz stream of independent blocks, and import decodes
// them on several threads, each block whole in memory (archive/xz-parallel-decode.ts). Every
// size that decides how much is decoded is proved before a decoder sees the block; these hostile
// multi-block files each lie in one way and must be refused with one sentence, nothing stored.

const BLOCK = 64 * 1024;
const YAML = serializeModelYaml(newModelInfo({ name: 'blocks', version: 'v1' }));

let paths: StorePaths;
beforeEach(async () => {
  paths = await tempHome();
});
afterEach(async () => {
  await fsp.rm(paths.home, { recursive: true, force: true });
});

/** A multi-block .bentomodel of model.yaml and weights.bin, as `model-shelf export` writes it (small blocks). */
async function multiBlock(weights: Buffer): Promise<Buffer> {
  const tar = await tarBuffer([
    { name: './', type: 'directory' },
    { name: './model.yaml', content: YAML },
    { name: './weights.bin', content: weights },
  ]);
  const chunks: Buffer[] = [];
  await pipeline(Readable.from([tar]), parallelXzCompressor(1, { blockSize: BLOCK, threads: 2 }), async (source: AsyncIterable<Buffer>) => {
    for await (const c of source) chunks.push(c);
  });
  return Buffer.concat(chunks);
}

interface Parts {
  readonly flags: Buffer;
  readonly blocks: Buffer[];
  readonly records: XzRecord[];
}

async function parts(file: Buffer): Promise<Parts> {
  const layout = await readXzLayout(file.length, (o, n) => Promise.resolve(file.subarray(o, o + n)), { maxBlocks: 1 << 20 });
  return {
    flags: layout.flags,
    blocks: layout.blocks.map((b) => Buffer.from(file.subarray(b.offset, b.offset + b.padded))),
    records: layout.blocks.map((b) => ({ unpadded: b.unpadded, uncompressed: b.uncompressed })),
  };
}

/** The stream again from (changed) parts, with a correct index and footer (the lie is consistent). */
function join(p: Parts): Buffer {
  return Buffer.concat([xzStreamHeader(p.flags), ...p.blocks, xzStreamEnd(p.flags, p.records)]);
}

function compressible(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i * 31) % 7 === 0 ? i & 0xff : 0;
  return b;
}

async function refused(bytes: Buffer, code: string, words: RegExp): Promise<void> {
  const file = path.join(paths.home, 'm.bentomodel');
  await fsp.writeFile(file, bytes);
  const err = await importModel(paths, file).then(() => null, (e: unknown) => e);
  expect(isShelfError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  expect((err as Error).message).toMatch(words);
  // One sentence: no stack, no second line.
  expect((err as Error).message).not.toMatch(/\n| {4}at /);
  expect(await modelsSnapshot(paths)).toEqual([]);
  expect(await stagingLeftovers(paths)).toEqual([]);
}

const DAMAGED = (why: string): RegExp => new RegExp(`^'m\\.bentomodel' is damaged or truncated \\(${why}\\); nothing was imported\\. Export the model again\\.$`);

describe('a multi-block .bentomodel', () => {
  it('imports byte for byte (the parallel decoder hands out the blocks in order)', { timeout: 60_000 }, async () => {
    const weights = Buffer.concat([compressible(300_000), randomBytes(300_000), compressible(200_001)]);
    const archive = await multiBlock(weights);
    expect((await parts(archive)).blocks.length).toBeGreaterThan(8);
    const file = path.join(paths.home, 'ok.bentomodel');
    await fsp.writeFile(file, archive);
    const v = await importModel(paths, file);
    expect((await fsp.readFile(path.join(v.path, 'weights.bin'))).equals(weights)).toBe(true);
    expect(await fsp.readFile(path.join(v.path, 'model.yaml'), 'utf8')).toBe(YAML);
  });

  it.each(['crc32', 'crc64', 'sha256', 'none'])('made by xz-utils (`xz -T2 --block-size`, check %s) imports byte for byte, decoded in blocks', { timeout: 60_000 }, async (check) => {
    const weights = Buffer.concat([compressible(300_000), randomBytes(100_000)]);
    const tar = await tarBuffer([
      { name: './', type: 'directory' },
      { name: './model.yaml', content: YAML },
      { name: './weights.bin', content: weights },
    ]);
    const file = path.join(paths.home, `xz-${check}.bentomodel`);
    await fsp.writeFile(file, execFileSync('xz', ['-T2', '--block-size=65536', `--check=${check}`, '-1', '-c'], { input: tar }));
    const blocks = await openXzBlocks(file);
    expect(blocks?.layout.blocks.length).toBeGreaterThan(3);
    expect(await blocks?.blocksFit()).toBe(true); // this file takes the block-by-block path
    await blocks?.close();
    const v = await importModel(paths, file);
    expect((await fsp.readFile(path.join(v.path, 'weights.bin'))).equals(weights)).toBe(true);
  });

  it('whose index says a block decodes to less than its chunks do (a lying index) is refused before decoding', { timeout: 60_000 }, async () => {
    const p = await parts(await multiBlock(compressible(400_000)));
    const r = p.records[1] as XzRecord;
    p.records[1] = { ...r, uncompressed: r.uncompressed - 1 };
    await refused(join(p), 'BAD_ARCHIVE', DAMAGED(`xz block 2 decodes to ${r.uncompressed} bytes by its chunk headers, but the index says ${r.uncompressed - 1}`));
  });

  it('whose index says a block decodes to more than its chunks do is refused', { timeout: 60_000 }, async () => {
    const p = await parts(await multiBlock(compressible(400_000)));
    const r = p.records[2] as XzRecord;
    p.records[2] = { ...r, uncompressed: r.uncompressed + 4096 };
    await refused(join(p), 'BAD_ARCHIVE', DAMAGED(`xz block 3 decodes to ${r.uncompressed} bytes by its chunk headers, but the index says ${r.uncompressed + 4096}`));
  });

  it('with a block whose LZMA2 chunk claims more than the index allows is refused before decoding', { timeout: 60_000 }, async () => {
    const p = await parts(await multiBlock(compressible(400_000)));
    const block = p.blocks[1] as Buffer;
    const at = ((block[0] as number) + 1) * 4; // the first chunk, right after the block header
    expect(block[at]).toBeGreaterThanOrEqual(0xe0); // an LZMA chunk with a dictionary reset
    // Its decoded size: 5 bits of the control byte and 2 bytes; claim 1 MiB more.
    block[at] = (block[at] as number) + 0x10;
    const r = p.records[1] as XzRecord;
    await refused(join(p), 'BAD_ARCHIVE', DAMAGED(`xz block 2 decodes to ${r.uncompressed + (1 << 20)} bytes by its chunk headers, but the index says ${r.uncompressed}`));
  });

  it('with a truncated block (its index record shortened to match) is refused', { timeout: 60_000 }, async () => {
    const p = await parts(await multiBlock(compressible(400_000)));
    const r = p.records[1] as XzRecord;
    const block = p.blocks[1] as Buffer;
    const check = 8; // CRC64
    const dataEnd = r.unpadded - check;
    // Cut the last 4 bytes of the block's LZMA2 data (its end marker with them), keep the check;
    // block padding sits between the data and the check.
    const data = block.subarray(0, dataEnd - 4);
    const pad = Buffer.alloc((4 - ((r.unpadded - 4) % 4)) % 4);
    p.blocks[1] = Buffer.concat([data, pad, block.subarray(dataEnd, r.unpadded)]);
    p.records[1] = { ...r, unpadded: r.unpadded - 4 };
    await refused(join(p), 'BAD_ARCHIVE', DAMAGED('xz block 2 LZMA2 (chunk runs past the size the index gives the block|data ends inside a chunk header)'));
  });

  it('whose index adds up to more than the free disk space is refused before a byte is decoded', { timeout: 60_000 }, async () => {
    // Blocks of 24 bytes that each claim the largest block the parallel decoder takes: a 100 KB file
    // promising more than the disk holds. A real decode would fail at the first block.
    const free = await fsp.statfs(paths.home).then((s) => s.bavail * s.bsize);
    const count = Math.ceil(free / XZ_DECODE_MAX_BLOCK) + 2;
    const flags = Buffer.from([0x00, 0x04]);
    const header = Buffer.from([0x02, 0x00, 0x21, 0x01, 0x08, 0x00, 0x00, 0x00]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(header));
    const block = Buffer.concat([header, crc, Buffer.from([0x00]), Buffer.alloc(3), Buffer.alloc(8)]);
    const records = Array.from({ length: count }, () => ({ unpadded: 21, uncompressed: XZ_DECODE_MAX_BLOCK }));
    const bytes = Buffer.concat([xzStreamHeader(flags), ...Array.from({ length: count }, () => block), xzStreamEnd(flags, records)]);
    await refused(bytes, 'NO_SPACE', /^The archive unpacks to more than the \d+ bytes free on the disk of the model store\. Free some space and try again; nothing was imported\.$/);
  });

  it('with one flipped byte in stored (uncompressed) data is refused by the block check', { timeout: 60_000 }, async () => {
    // Random bytes are stored as uncompressed LZMA2 chunks: the flipped byte decodes "fine" and
    // only the block's CRC64 can tell.
    // (Blocks 5 and 6 are random; the archive as a whole compresses, so it is decoded in blocks.)
    const p = await parts(await multiBlock(Buffer.concat([compressible(260_000), randomBytes(140_000)])));
    const block = p.blocks[4] as Buffer;
    const at = ((block[0] as number) + 1) * 4;
    expect(block[at]).toBe(0x01); // an uncompressed chunk with a dictionary reset
    block[at + 3 + 1000] = (block[at + 3 + 1000] as number) ^ 0x40;
    await refused(join(p), 'BAD_ARCHIVE', DAMAGED('xz block 5: invalid block checksum'));
  });

  it('with one flipped byte in a block check is refused', { timeout: 60_000 }, async () => {
    const p = await parts(await multiBlock(compressible(400_000)));
    const block = p.blocks[2] as Buffer;
    block[block.length - 3] = (block[block.length - 3] as number) ^ 0x01; // inside the CRC64, the block's last 8 bytes
    await refused(join(p), 'BAD_ARCHIVE', DAMAGED('xz block 3: invalid block checksum'));
  });
});
