import { randomBytes } from 'node:crypto';
import { Readable, Writable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { xz } from '@napi-rs/lzma';
import { describe, expect, it } from 'vitest';
import { xzCompressor, xzDecompressor } from '../../src-main/store/archive/xz-streams.ts';

// A cancelled export or import destroys its xz stream mid-way; the destroy must finish ('close'
// fires), or a bare CLI process exits with the cancel unsettled and leaves its partial file.
// @napi-rs/lzma's own createCompressStream()/createDecompressStream() never close in these
// cases (docs/upstream/napi-rs-lzma-cancel.md); xz-streams.ts must. "Never" is told apart from
// "slow" by a minute's wait, far beyond the milliseconds a working destroy takes.
const NEVER_MS = 60_000;
const MiB = 1 << 20;

function closes(stream: Duplex): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), NEVER_MS);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const random = randomBytes(32 * MiB);
const plainChunks = (): Buffer[] => Array.from({ length: 32 }, (_, i) => random.subarray(i * MiB, (i + 1) * MiB));
const packedChunks = async (): Promise<Buffer[]> => {
  const oneZeroMiB = await xz.compress(Buffer.alloc(MiB));
  return Array.from({ length: 1024 }, () => oneZeroMiB);
};

/** Everything written at once, output never read (the native side blocks), then destroyed. */
async function destroyUnread(stream: Duplex, chunks: Buffer[], delayMs: number): Promise<boolean> {
  stream.on('error', () => undefined);
  for (const chunk of chunks) stream.write(chunk);
  await sleep(delayMs);
  const closed = closes(stream);
  stream.destroy(new Error('cancelled'));
  return closed;
}

/** Source -> stream -> slow sink, cancelled through the pipeline's AbortSignal like an export. */
async function abortPiped(stream: Duplex, chunks: Buffer[], delayMs: number): Promise<boolean> {
  const ac = new AbortController();
  const sink = new Writable({ highWaterMark: MiB, write: (_c, _e, cb) => void setTimeout(cb, 5) });
  const done = pipeline(Readable.from(chunks), stream, sink, { signal: ac.signal }).then(
    () => 'finished',
    (e: unknown) => (e as Error).name,
  );
  await sleep(delayMs);
  const closed = closes(stream);
  ac.abort();
  expect(await closed).toBe(true);
  return (await done) === 'AbortError';
}

describe('destroying an xz stream mid-way always finishes', () => {
  for (const delayMs of [0, 300]) {
    it(`compressor, output unread, destroyed after ${delayMs} ms`, { timeout: 120_000 }, async () => {
      expect(await destroyUnread(xzCompressor(6), plainChunks(), delayMs)).toBe(true);
    });
    it(`decompressor, output unread, destroyed after ${delayMs} ms`, { timeout: 120_000 }, async () => {
      expect(await destroyUnread(xzDecompressor(), await packedChunks(), delayMs)).toBe(true);
    });
    it(`compressor in an aborted pipeline after ${delayMs} ms`, { timeout: 120_000 }, async () => {
      expect(await abortPiped(xzCompressor(6), plainChunks(), delayMs)).toBe(true);
    });
    it(`decompressor in an aborted pipeline after ${delayMs} ms`, { timeout: 120_000 }, async () => {
      expect(await abortPiped(xzDecompressor(), await packedChunks(), delayMs)).toBe(true);
    });
  }
});
