import { promises as fsp } from 'node:fs';
import { NONBLOCK_READ } from '../read/regular-file.ts';

const CHUNK = 1024 * 1024;

/**
 * True when two files hold the same bytes (read side by side, stopping at the first difference).
 * Opened without waiting for a writer: one swapped for a pipe since it was looked at is not the same.
 */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([fsp.open(a, NONBLOCK_READ), fsp.open(b, NONBLOCK_READ)]);
  try {
    const [sa, sb] = await Promise.all([ha.stat(), hb.stat()]);
    if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false;
    const ba = Buffer.allocUnsafe(CHUNK);
    const bb = Buffer.allocUnsafe(CHUNK);
    for (let pos = 0; ; pos += CHUNK) {
      const [ra, rb] = await Promise.all([ha.read(ba, 0, CHUNK, pos), hb.read(bb, 0, CHUNK, pos)]);
      if (ra.bytesRead !== rb.bytesRead) return false;
      if (ra.bytesRead === 0) return true;
      if (!ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
    }
  } finally {
    await Promise.all([ha.close(), hb.close()]);
  }
}
