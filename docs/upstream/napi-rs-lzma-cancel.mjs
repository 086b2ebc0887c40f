// Reduced test case for @napi-rs/lzma: does destroying the Node Duplex returned by
// createCompressStream() / createDecompressStream() mid-stream finish ('close' fires)?
// Node's Duplex.fromWeb destroy awaits writer.abort(), and the WHATWG spec makes abort wait for
// the write in flight; that write (into the identity TransformStream the package feeds to the
// native transform) only completes when the native side pulls again. If the native side stops
// pulling once its output is cancelled, destroy never calls back, 'close' never fires, and a
// bare `node` process exits with the cancel unsettled (exit 13 on a top-level await).
// Standalone: only node:* and @napi-rs/lzma.
// Run: node docs/upstream/napi-rs-lzma-cancel.mjs   (exit 1 = reproduced, 0 = not reproduced)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { compressSync, createCompressStream, createDecompressStream } from '@napi-rs/lzma/xz';

// package.json is not in the package's exports: find it beside the resolved entry.
const entry = fileURLToPath(import.meta.resolve('@napi-rs/lzma/xz'));
const { version } = JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8'));
console.log(`@napi-rs/lzma ${version}, node ${process.version}, ${process.platform}-${process.arch}`);

const WAIT_MS = 5000;
const MiB = 1 << 20;
// Random bytes do not compress, so compressing them keeps the native side busy for seconds.
const random = randomBytes(32 * MiB);
const plainChunks = () => Array.from({ length: 32 }, (_, i) => random.subarray(i * MiB, (i + 1) * MiB));
// 1 GiB of zeros as 1024 concatenated xz streams: tiny to hold, seconds to unpack.
const oneZeroMiB = compressSync(Buffer.alloc(MiB));
const packedChunks = () => Array.from({ length: 1024 }, () => oneZeroMiB);

/** Resolves with how long 'close' took after destroy(), or null if it did not come in WAIT_MS. */
function closeTime(stream, started) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), WAIT_MS);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started());
    });
  });
}

/** Writes every chunk at once (all buffered), then destroys the stream after `delayMs`. */
async function direct(make, chunks, { consume, delayMs }) {
  const stream = make();
  stream.on('error', () => {}); // destroy(err) emits it; not what is tested
  if (consume) stream.on('data', () => {});
  for (const chunk of chunks) stream.write(chunk);
  await new Promise((r) => setTimeout(r, delayMs));
  const t = Date.now();
  const closed = closeTime(stream, () => t);
  stream.destroy(new Error('cancelled by the user'));
  return closed;
}

/** Like an export or import: source -> (de)compressor -> slow sink, cancelled by an AbortSignal. */
async function piped(make, chunks, { delayMs }) {
  const stream = make();
  const ac = new AbortController();
  const sink = new Writable({ highWaterMark: MiB, write: (_c, _e, cb) => setTimeout(cb, 5) });
  const done = pipeline(Readable.from(chunks), stream, sink, { signal: ac.signal }).catch(() => {});
  await new Promise((r) => setTimeout(r, delayMs));
  const t = Date.now();
  const closed = closeTime(stream, () => t);
  ac.abort();
  const ms = await closed;
  await Promise.race([done, new Promise((r) => setTimeout(r, 100))]);
  return ms;
}

const trials = [];
for (const delayMs of [0, 20, 300, 2000]) {
  for (const consume of [true, false]) {
    trials.push([`compress   write-all ${consume ? 'read  ' : 'unread'} destroy after ${delayMs} ms`, () => direct(() => createCompressStream({ preset: 6 }), plainChunks(), { consume, delayMs })]);
    trials.push([`decompress write-all ${consume ? 'read  ' : 'unread'} destroy after ${delayMs} ms`, () => direct(() => createDecompressStream(), packedChunks(), { consume, delayMs })]);
  }
  trials.push([`compress   pipeline  slow sink abort after ${delayMs} ms`, () => piped(() => createCompressStream({ preset: 6 }), plainChunks(), { delayMs })]);
  trials.push([`decompress pipeline  slow sink abort after ${delayMs} ms`, () => piped(() => createDecompressStream(), packedChunks(), { delayMs })]);
}

let stuck = 0;
for (const [label, run] of trials) {
  const ms = await run();
  if (ms === null) stuck += 1;
  console.log(`${label}: ${ms === null ? `NEVER CLOSED (waited ${WAIT_MS} ms)` : `closed in ${ms} ms`}`);
}
console.log(stuck ? `REPRODUCED: ${stuck} of ${trials.length} destroyed streams never closed.` : `NOT REPRODUCED: all ${trials.length} destroyed streams closed.`);
// Native work of a destroyed stream may still be running; do not wait for it.
process.exit(stuck ? 1 : 0);
