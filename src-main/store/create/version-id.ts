import { randomInt } from 'node:crypto';

// BentoML's make_new_version (tag:135-145, §4.3): uuid1 bytes[0:6] + bytes[8:12], base32, lowercase.
const GREGORIAN_OFFSET = 0x01b21dd213814000n; // 100-ns ticks from 1582-10-15 to 1970-01-01
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface VersionIdInput {
  /** Epoch milliseconds. When given, the id is exactly the one for these fields (test vectors). */
  readonly unixMs?: number;
  /** 100-ns ticks within the millisecond, 0..9999. */
  readonly subMs?: number;
  /** 14-bit clock sequence. */
  readonly clockSeq?: number;
  /** First two bytes of the uuid node. */
  readonly node16?: number;
}

// A random node like CPython's fallback: multicast bit (bit 0 of the first node byte) set.
const processNode16 = randomInt(0, 0x10000) | 0x0100;
let lastTicks = 0n;

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out; // 10 bytes = 80 bits = exactly 16 characters, no padding
}

function nowTicks(): bigint {
  // performance gives sub-millisecond resolution, like Python's time.time_ns() // 100.
  const ms = performance.timeOrigin + performance.now();
  let ticks = BigInt(Math.floor(ms * 10_000)) + GREGORIAN_OFFSET;
  // Strictly monotonic within the process, so two ids made in a row always differ.
  if (ticks <= lastTicks) ticks = lastTicks + 1n;
  lastTicks = ticks;
  return ticks;
}

export function makeVersionId(inject: VersionIdInput = {}): string {
  const ticks =
    inject.unixMs === undefined ? nowTicks() : BigInt(inject.unixMs) * 10_000n + BigInt(inject.subMs ?? 0) + GREGORIAN_OFFSET;
  const clockSeq = inject.clockSeq ?? randomInt(0, 0x4000);
  const node16 = inject.node16 ?? processNode16;
  const timeLow = Number(ticks & 0xffffffffn);
  const timeMid = Number((ticks >> 32n) & 0xffffn);
  const bytes = new Uint8Array([
    (timeLow >>> 24) & 0xff,
    (timeLow >>> 16) & 0xff,
    (timeLow >>> 8) & 0xff,
    timeLow & 0xff,
    (timeMid >>> 8) & 0xff,
    timeMid & 0xff,
    0x80 | ((clockSeq >> 8) & 0x3f), // variant bits 10
    clockSeq & 0xff,
    (node16 >>> 8) & 0xff,
    node16 & 0xff,
  ]);
  return base32(bytes);
}

/** Looks like a BentoML-generated id: 16 base32 chars, char 9 carries the uuid variant bits. */
export function isBentoMLGeneratedId(version: string): boolean {
  return /^[a-z2-7]{16}$/.test(version) && 'cgkosw26'.includes(version[9] ?? '');
}
