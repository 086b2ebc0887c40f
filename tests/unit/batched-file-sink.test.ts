import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BATCH_BYTES, batchedFileSink } from '../../src-main/store/import/batched-file-sink.ts';

// Import writes each member through this sink: the decoder's ~20 KiB pieces become one write per
// MiB (issue 13: 49,415 writes for 1 GiB before). Proved by counting write calls, never by timing.
let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-sink-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const pieces = (data: Buffer, size: number): Buffer[] => Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

it('writes 5 MiB given in 21 KiB pieces with one write per MiB, byte for byte', async () => {
  const data = randomBytes(5 * BATCH_BYTES + 777);
  const file = path.join(dir, 'w.bin');
  const sink = batchedFileSink(file, 0o640);
  const given = pieces(data, 21 * 1024);
  expect(given.length).toBe(244);
  await pipeline(Readable.from(given), sink);
  expect(await fsp.readFile(file)).toEqual(data);
  expect(sink.bytesWritten).toBe(data.length);
  expect(sink.counts.writes).toBeLessThanOrEqual(Math.ceil(data.length / BATCH_BYTES));
  expect((await fsp.stat(file)).mode & 0o777).toBe(0o640 & ~process.umask());
});

it('creates an empty member and truncates what was there', async () => {
  const file = path.join(dir, 'e.bin');
  await fsp.writeFile(file, 'old bytes');
  const sink = batchedFileSink(file, 0o600);
  await pipeline(Readable.from([]), sink);
  expect(await fsp.readFile(file)).toEqual(Buffer.alloc(0));
  expect(sink.counts.writes).toBe(0);
});

it('a file that cannot be created fails the pipeline with the system error', async () => {
  const sink = batchedFileSink(path.join(dir, 'missing', 'x.bin'), 0o600);
  const err = await pipeline(Readable.from([Buffer.alloc(10)]), sink).catch((e: unknown) => e);
  expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
});

it('a destroyed sink closes its file (no descriptor left open)', async () => {
  const file = path.join(dir, 'd.bin');
  const before = (await fsp.readdir('/proc/self/fd').catch(() => [])).length;
  const sink = batchedFileSink(file, 0o600);
  sink.write(randomBytes(3 * BATCH_BYTES));
  const closed = new Promise<void>((resolve) => sink.once('close', resolve));
  sink.destroy(new Error('cancelled'));
  sink.on('error', () => undefined);
  await closed;
  const after = (await fsp.readdir('/proc/self/fd').catch(() => [])).length;
  expect(after).toBeLessThanOrEqual(before);
});
