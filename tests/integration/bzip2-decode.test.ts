import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { bunzip2 } from '../../src-main/store/archive/archive-bunzip2.ts';

// tar.bz2 import decodes through bunzip2() (archive-bunzip2.ts). unbzip2-stream's own stream
// decoded every block it held in one go, and at end of input all the rest: a 785-byte file was
// decoded to 1 GiB even when import had stopped reading. These tests hold the decoder to
// decoding only as fast as the import reads, and to what the package got right.

/** `bzip2 -9` of 1 GiB of zeros (made with the system bzip2 1.0.8): 785 bytes, 24 blocks. */
const BOMB_1_GIB = Buffer.from('QlpoOTFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1kOCeLfAV+OQADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWQ4J4t8BX45AAMAAAAggADCATUZCoCWpCoCXMUFZJlNZDgni3wFfjkAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1lIfF/JAIpSyADAAAAEAAggADDMBSmmkSJDYUSJDxdyRThQkPaI5AI=', 'base64');
const MiB = 1 << 20;

const bzip2 = (data: Buffer): Buffer => spawnSync('bzip2', ['-9c'], { input: data, maxBuffer: 1 << 30 }).stdout;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function decode(input: Buffer, chunk = 64 * 1024): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(input.length / chunk) }, (_, i) => input.subarray(i * chunk, (i + 1) * chunk));
  await pipeline(Readable.from(pieces), bunzip2(), new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) }));
  return Buffer.concat(out);
}

describe('bzip2 decoding for import', () => {
  it('decodes only as fast as it is read, so a tiny bomb stops when the import stops reading', { timeout: 600_000 }, async () => {
    // Count the blocks the real decoder decodes (the package's stream and bunzip2() share it).
    const decoder = createRequire(import.meta.url)('unbzip2-stream/lib/bzip2.js') as { decompress: (...args: unknown[]) => unknown };
    const real = decoder.decompress;
    let blocks = 0;
    decoder.decompress = (...args: unknown[]) => (blocks++, real.apply(decoder, args));
    try {
      let seen = 0;
      // Like import refusing an archive: the reader stops after 10 MiB and the pipeline is torn down.
      const reader = new Writable({
        write(c: Buffer, _e, cb) {
          seen += c.length;
          cb(seen > 10 * MiB ? new Error('refused after 10 MiB') : null);
        },
      });
      const stream = bunzip2();
      const outcome = await pipeline(Readable.from([BOMB_1_GIB]), stream, reader).then(() => 'read to the end', (e: Error) => e.message);
      expect(outcome).toBe('refused after 10 MiB');
      expect(stream.destroyed).toBe(true);
      // A block of zeros is ~46 MB: the first one covers the 10 MiB read. The package's own
      // stream decoded all 24 (2.8 GB peak RSS, minutes of CPU) before the refusal took effect.
      expect(blocks).toBeLessThanOrEqual(2);
    } finally {
      decoder.decompress = real;
    }
  });

  it('decodes multi-block data exactly, whatever the input chunk size', { timeout: 120_000 }, async () => {
    // Random halves (blocks that do not compress) around text (blocks that do): over two 900 kB blocks.
    const plain = Buffer.concat([randomBytes(1_200_000), Buffer.from('model weights '.repeat(100_000)), randomBytes(700_000)]);
    const packed = bzip2(plain);
    for (const chunk of [997, 64 * 1024, packed.length]) expect(sha(await decode(packed, chunk))).toBe(sha(plain));
  });

  it('reads concatenated bzip2 streams (pbzip2, lbzip2) as one', async () => {
    const packed = Buffer.concat([bzip2(Buffer.from('first part, ')), bzip2(Buffer.from('second part'))]);
    expect((await decode(packed)).toString()).toBe('first part, second part');
  });

  it('refuses truncated and corrupted data with an error, never a partial success', { timeout: 120_000 }, async () => {
    const plain = Buffer.concat([randomBytes(1_500_000), Buffer.alloc(100_000)]);
    const packed = bzip2(plain);
    await expect(decode(packed.subarray(0, Math.floor(packed.length / 2)))).rejects.toThrow(/ends in the middle of a block|ended prematurely/);
    await expect(decode(packed.subarray(0, packed.length - 4))).rejects.toThrow();
    const flipped = Buffer.from(packed);
    flipped[Math.floor(flipped.length / 3)]! ^= 0x10;
    await expect(decode(flipped)).rejects.toThrow();
  });
});
