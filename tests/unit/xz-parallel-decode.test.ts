import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { xz } from '@napi-rs/lzma';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lzma2DecodedSize, XzBlockLie } from '../../src-main/store/archive/xz-layout.ts';
import { openXzBlocks } from '../../src-main/store/archive/xz-parallel-decode.ts';
import { parallelXzCompressor } from '../../src-main/store/archive/xz-parallel.ts';

// The multi-block decoder used by import (archive/xz-parallel-decode.ts): what it takes, how many
// blocks it holds, and the LZMA2 chunk walk that bounds each block before it is decoded.
const BLOCK = 64 * 1024;

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-xz-decode-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function multiBlock(input: Buffer): Promise<string> {
  const file = path.join(dir, 'multi.xz');
  const chunks: Buffer[] = [];
  await pipeline(Readable.from([input]), parallelXzCompressor(1, { blockSize: BLOCK, threads: 2 }), async (s: AsyncIterable<Buffer>) => {
    for await (const c of s) chunks.push(c);
  });
  await fsp.writeFile(file, Buffer.concat(chunks));
  return file;
}

function mixed(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let off = 0; off < size; off += 10_000) if ((off / 10_000) % 3 === 0) randomBytes(Math.min(10_000, size - off)).copy(out, off);
  return out;
}

describe('decoding a multi-block .xz file on several threads', () => {
  it('gives the input back in order, decoding `threads` blocks at a time and holding what the byte bound allows', { timeout: 60_000 }, async () => {
    const input = mixed(40 * BLOCK + 123);
    const blocks = await openXzBlocks(await multiBlock(input));
    expect(blocks).not.toBeNull();
    expect(await blocks?.blocksFit()).toBe(true);
    expect(blocks?.layout.blocks.length).toBe(41);
    expect(blocks?.layout.uncompressed).toBe(input.length);
    const held: number[] = [];
    const running: number[] = [];
    let packed = 0;
    const out: Buffer[] = [];
    const decoded = blocks?.decode({ threads: 2, heldBytes: 6 * BLOCK, onHeld: (n) => held.push(n), onRunning: (n) => running.push(n), onPacked: (n) => (packed += n) });
    for await (const c of decoded ?? []) out.push(c as Buffer);
    expect(Buffer.concat(out).equals(input)).toBe(true);
    expect(Math.max(...held)).toBe(6);
    expect(Math.max(...running)).toBeLessThanOrEqual(2);
    expect(running).toHaveLength(41);
    expect(packed).toBe(blocks?.layout.blocks.reduce((s, b) => s + b.padded, 0));
  });

  it('holds threads + 1 blocks when they are larger than the byte bound', { timeout: 60_000 }, async () => {
    const blocks = await openXzBlocks(await multiBlock(mixed(12 * BLOCK)));
    const held: number[] = [];
    let bytes = 0;
    for await (const c of blocks?.decode({ threads: 2, heldBytes: 1, onHeld: (n) => held.push(n) }) ?? []) bytes += (c as Buffer).length;
    expect(bytes).toBe(12 * BLOCK);
    expect(Math.max(...held)).toBe(3);
  });

  it('is not used for a single-block file (what BentoML writes): the streaming decoder keeps it', async () => {
    const file = path.join(dir, 'single.xz');
    await fsp.writeFile(file, await xz.compress(mixed(3 * BLOCK)));
    const blocks = await openXzBlocks(file);
    // The layout is read (its size is checked against the free space), the blocks are not decoded here.
    expect(blocks?.layout.blocks.length).toBe(1);
    expect(await blocks?.blocksFit()).toBe(false);
    await blocks?.close();
  });

  it('is not used when the blocks do not compress (stored bytes need no decoding)', { timeout: 60_000 }, async () => {
    const blocks = await openXzBlocks(await multiBlock(randomBytes(8 * BLOCK)));
    expect(blocks?.layout.blocks.length).toBe(8);
    expect(await blocks?.blocksFit()).toBe(false);
    await blocks?.close();
  });

  it('is not used for two concatenated streams or trailing padding', async () => {
    const one = await xz.compress(Buffer.from('a'.repeat(1000)));
    const two = path.join(dir, 'two.xz');
    await fsp.writeFile(two, Buffer.concat([one, one]));
    expect(await openXzBlocks(two)).toBeNull();
    const padded = path.join(dir, 'padded.xz');
    await fsp.writeFile(padded, Buffer.concat([one, Buffer.alloc(8)]));
    expect(await openXzBlocks(padded)).toBeNull();
  });

  it('stops its work when the reader stops early', { timeout: 60_000 }, async () => {
    const blocks = await openXzBlocks(await multiBlock(mixed(30 * BLOCK)));
    const stream = blocks?.decode({ threads: 2 });
    for await (const c of stream ?? []) {
      // (A read takes whatever is buffered: one block or a few.)
      expect((c as Buffer).length % BLOCK).toBe(0);
      break;
    }
    expect(stream?.destroyed).toBe(true);
  });
});

describe('the LZMA2 chunk walk', () => {
  const lzma = (size: number, packed: number, control = 0xe0): number[] => [control | ((size - 1) >> 16), ((size - 1) >> 8) & 0xff, (size - 1) & 0xff, ((packed - 1) >> 8) & 0xff, (packed - 1) & 0xff];
  const walk = (bytes: number[]): number => lzma2DecodedSize(Uint8Array.from(bytes), 0, bytes.length);

  it('adds up the decoded sizes of LZMA and uncompressed chunks', () => {
    const first = [...lzma(2 << 20, 3), 0x5d, 1, 2, 3];
    const stored = [0x02, 0x00, 0x04, 9, 9, 9, 9, 9];
    const more = [...lzma(100, 2, 0x80), 7, 7];
    expect(walk([...first, ...stored, ...more, 0x00])).toBe((2 << 20) + 5 + 100);
    expect(walk([0x00])).toBe(0);
  });

  it.each<[string, number[], RegExp]>([
    ['an invalid control byte', [0x01, 0x00, 0x00, 1, 0x03, 0x00], /invalid control byte 0x3/],
    ['no dictionary reset first', [0x02, 0x00, 0x00, 1, 0x00], /does not start with a dictionary reset/],
    ['an LZMA chunk without properties after a reset', [0x01, 0x00, 0x00, 1, ...lzma(10, 1, 0x80), 0, 0x00], /lacks the properties/],
    ['a chunk running past the end', [...lzma(10, 50), 0x5d, 1, 2, 3], /runs past/],
    ['no end marker', [0x01, 0x00, 0x00, 1], /ends inside a chunk header/],
    ['bytes after the end marker', [0x01, 0x00, 0x00, 1, 0x00, 0x00], /ends before the size the index gives it/],
    ['invalid properties', [...lzma(10, 1), 225, 0, 0x00], /invalid properties/],
  ])('refuses %s', (_label, bytes, words) => {
    expect(() => walk(bytes)).toThrow(XzBlockLie);
    expect(() => walk(bytes)).toThrow(words);
  });
});
