import { Duplex } from 'node:stream';
import { decompressStream } from '@napi-rs/lzma/xz';
import { parallelXzCompressor, type ParallelXzOptions } from './xz-parallel.ts';

type WebTransform = (input: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;

/**
 * A Node Duplex around one of @napi-rs/lzma's native (off-thread) web-stream transforms (the
 * decompressor; compression runs in workers, xz-parallel.ts).
 * We do not use the package's own `createCompressStream()` (`Duplex.fromWeb`): destroying it
 * mid-stream awaits `writer.abort()`, which waits for the in-flight write, which waits for the
 * native side to pull again — it never does once cancelled. The destroy never finished, so an
 * aborted xz export never settled and a bare `node` process exited leaving its `.partial` file.
 * Here destroy errors the input TransformStream first, which releases the in-flight write.
 * Reduced test case for upstream: docs/upstream/napi-rs-lzma-cancel.md (still reproduces with
 * @napi-rs/lzma 1.5.3 on Node 24.22.3); guarded by tests/integration/xz-cancel.test.ts.
 */
function nativeDuplex(transform: WebTransform): Duplex {
  let input!: TransformStreamDefaultController<Uint8Array>;
  const plain = new TransformStream<Uint8Array, Uint8Array>({
    start: (controller) => {
      input = controller;
    },
  });
  const writer = plain.writable.getWriter();
  const reader = transform(plain.readable).getReader();
  return new Duplex({
    // The decoder runs ahead of the reader by up to 1 MiB, so decoding overlaps the writes of
    // an import instead of waiting for each one (the default 16 KiB is about one decoded piece).
    readableHighWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      writer.ready.then(() => writer.write(chunk)).then(() => callback(), callback);
    },
    final(callback) {
      writer.close().then(() => callback(), callback);
    },
    read() {
      reader.read().then(
        (r) => void this.push(r.done ? null : r.value),
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
    destroy(error, callback) {
      const reason = error ?? new Error('xz stream closed early');
      input.error(reason);
      void Promise.allSettled([writer.abort(reason), reader.cancel(reason)]).then(() => callback(error));
    },
  });
}

/**
 * An xz compressor with the given preset (0-9) that uses every core (up to XZ_MAX_THREADS),
 * writes one .xz stream, holds a bounded number of blocks, and cancels promptly when destroyed
 * (xz-parallel.ts).
 */
export function xzCompressor(preset: number, opts: ParallelXzOptions = {}): Duplex {
  return parallelXzCompressor(preset, opts);
}

/** An xz decompressor (concatenated streams allowed) that cancels promptly when destroyed. */
export function xzDecompressor(): Duplex {
  return nativeDuplex((input) => decompressStream(input));
}
