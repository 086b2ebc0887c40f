import { crc32 } from 'node:zlib';
import type { XzRecord } from './xz-index.ts';

// Reading an .xz file's layout without decoding it (https://tukaani.org/xz/xz-file-format.txt),
// so that its blocks can be decoded on several threads (xz-parallel-decode.ts) with every size
// bounded BEFORE a decoder sees a byte. The decoder (lzma-rust2 inside @napi-rs/lzma) checks
// each block's CRC, but not the sizes the block header and the index declare: decoding a block
// into memory on their word alone would let a 100 KB block claim 2 MiB and produce gigabytes.
// Here the sizes are proved from the LZMA2 chunk headers themselves (each chunk states its
// decoded size, §LZMA2 below), which is exactly what the decoder will produce.

/** Check type -> size of the check field (§2.1.1.2: 0 none, 1 CRC32, 4 CRC64, 10 SHA-256). */
const CHECK_SIZES: Readonly<Record<number, number>> = { 0: 0, 1: 4, 4: 8, 10: 32 };
const LZMA2_FILTER = 0x21;
const MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

/** One block of a one-stream file: where it is, how big, and what it decodes to. */
export interface XzBlockPlace extends XzRecord {
  /** Offset of the block header in the file. */
  readonly offset: number;
  /** Bytes the block takes in the file, with its padding to 4 bytes. */
  readonly padded: number;
}

export interface XzLayout {
  /** The stream flags (2 bytes), shared by every block. */
  readonly flags: Buffer;
  readonly checkSize: number;
  readonly blocks: readonly XzBlockPlace[];
  /** Sum of the blocks' decoded sizes, as the index states it. */
  readonly uncompressed: number;
}

/** A reason why the file does not have the simple layout (one stream, nothing else). */
export class XzLayoutMismatch extends Error {}

function mismatch(what: string): XzLayoutMismatch {
  return new XzLayoutMismatch(what);
}

function crcOk(bytes: Uint8Array, stored: number): boolean {
  return crc32(bytes) === stored;
}

/** Reads a multibyte integer (§1.2); returns [value, next position]; throws past 9 bytes or the end. */
export function readXzVarint(buf: Uint8Array, pos: number, end = buf.length): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (pos + i >= end) throw mismatch('a number runs past its field');
    const byte = buf[pos + i] as number;
    // Above 2^53 a JS number loses bits; no real size comes near it.
    if (i === 7 && byte > 0x3f) throw mismatch('a number is too large');
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      if (byte === 0 && i > 0) throw mismatch('a number is not in its shortest form');
      return [value, pos + i + 1];
    }
  }
  throw mismatch('a number is longer than 9 bytes');
}

/** The stream flags' check field size, or a mismatch for a check this reader does not handle. */
function checkSizeOf(flags: Buffer): number {
  if (flags[0] !== 0 || ((flags[1] as number) & 0xf0) !== 0) throw mismatch('reserved stream flags are set');
  const size = CHECK_SIZES[(flags[1] as number) & 0x0f];
  if (size === undefined) throw mismatch('an unsupported check type');
  return size;
}

export interface LayoutLimits {
  /** Blocks the file may have. */
  readonly maxBlocks: number;
}

/**
 * The layout of a file of exactly one .xz stream (no stream padding, no second stream), from its
 * header, footer and index (all CRC-checked). `read(offset, length)` reads the file. Throws
 * XzLayoutMismatch when the file is anything else or has too many blocks: the caller then
 * decodes it the ordinary way (one thread, streaming), as before.
 */
export async function readXzLayout(size: number, read: (offset: number, length: number) => Promise<Buffer>, limits: LayoutLimits): Promise<XzLayout> {
  if (size < 32) throw mismatch('too small');
  const header = await read(0, 12);
  if (!header.subarray(0, 6).equals(MAGIC)) throw mismatch('no stream header');
  const flags = Buffer.from(header.subarray(6, 8));
  if (!crcOk(flags, header.readUInt32LE(8))) throw mismatch('stream header CRC');
  const checkSize = checkSizeOf(flags);
  const footer = await read(size - 12, 12);
  if (footer.subarray(10, 12).toString('latin1') !== 'YZ') throw mismatch('no stream footer at the end');
  if (!crcOk(footer.subarray(4, 10), footer.readUInt32LE(0))) throw mismatch('stream footer CRC');
  if (!footer.subarray(8, 10).equals(flags)) throw mismatch('header and footer flags differ');
  const indexSize = (footer.readUInt32LE(4) + 1) * 4;
  // An index record takes at least 2 bytes, at most 18.
  if (indexSize > 8 + 18 * limits.maxBlocks || indexSize > size - 24) throw mismatch('index too large');
  const index = await read(size - 12 - indexSize, indexSize);
  if (index[0] !== 0x00) throw mismatch('no index indicator');
  if (!crcOk(index.subarray(0, indexSize - 4), index.readUInt32LE(indexSize - 4))) throw mismatch('index CRC');
  const end = indexSize - 4;
  const [count, first] = readXzVarint(index, 1, end);
  let pos = first;
  if (count > limits.maxBlocks) throw mismatch(`${count} blocks`);
  const blocks: XzBlockPlace[] = [];
  let offset = 12;
  let uncompressed = 0;
  for (let i = 0; i < count; i++) {
    let unpadded: number;
    let decoded: number;
    [unpadded, pos] = readXzVarint(index, pos, end);
    [decoded, pos] = readXzVarint(index, pos, end);
    // Smallest block: an 8-byte header, one 0x00 end byte, the check.
    if (unpadded < 9 + checkSize) throw mismatch('a block too small to be one');
    const padded = Math.ceil(unpadded / 4) * 4;
    blocks.push({ offset, padded, unpadded, uncompressed: decoded });
    offset += padded;
    uncompressed += decoded;
  }
  while (pos < end) if (index[pos++] !== 0) throw mismatch('index padding not zero');
  if (offset !== size - 12 - indexSize) throw mismatch('the blocks do not fill the stream (padding or a second stream)');
  return { flags, checkSize, blocks, uncompressed };
}

/** What a block may be to be decoded whole in memory. */
export interface BlockLimits {
  /** Decoded bytes. */
  readonly maxBlockBytes: number;
  /** Dictionary size its header may ask for. */
  readonly maxDict: number;
}

/** What a block header says (§3.1), checked against the index; `headerSize` bytes long. */
export interface XzBlockHeader {
  readonly headerSize: number;
  readonly dictSize: number;
}

/** Thrown for a block that contradicts the index or its own framing: the archive is refused. */
export class XzBlockLie extends Error {}

function lie(block: number, what: string): XzBlockLie {
  return new XzBlockLie(`xz block ${block + 1} ${what}`);
}

/**
 * Checks the header of block `n` (`bytes` starts at the block and holds at least its header)
 * against its index record: CRC, reserved bits, the sizes it declares, and its filter chain.
 * Throws XzLayoutMismatch for a block this reader does not take (larger than the limits, a
 * filter chain other than LZMA2 alone) and XzBlockLie for a header that is damaged or lies.
 */
export function checkXzBlockHeader(bytes: Buffer, n: number, place: XzRecord, checkSize: number, limits: BlockLimits): XzBlockHeader {
  if (place.uncompressed > limits.maxBlockBytes) throw mismatch('a block larger than the limit');
  // LZMA2 never takes more than ~1/4096 over the decoded size (uncompressed chunks: 3 bytes
  // per 64 KiB); a block past that bound is not from an encoder this reader expects.
  if (place.unpadded > place.uncompressed + Math.ceil(place.uncompressed / 4096) + 1024 + checkSize) throw mismatch('a block far larger than what it decodes to');
  const headerSize = ((bytes[0] ?? 0) + 1) * 4;
  if (bytes[0] === 0 || headerSize > place.unpadded - checkSize - 1 || headerSize > bytes.length) throw lie(n, 'has no valid header');
  if (!crcOk(bytes.subarray(0, headerSize - 4), bytes.readUInt32LE(headerSize - 4))) throw lie(n, 'header fails its CRC');
  const flags = bytes[1] as number;
  if ((flags & 0x3c) !== 0) throw lie(n, 'header sets reserved flags');
  const dataSize = place.unpadded - headerSize - checkSize;
  const end = headerSize - 4;
  const number = (at: number): [number, number] => {
    try {
      return readXzVarint(bytes, at, end);
    } catch (error) {
      throw lie(n, `header is malformed (${(error as Error).message})`);
    }
  };
  let pos = 2;
  let declared: number;
  if (flags & 0x40) {
    [declared, pos] = number(pos);
    if (declared !== dataSize) throw lie(n, `header declares ${declared} compressed bytes, the index ${dataSize}`);
  }
  if (flags & 0x80) {
    [declared, pos] = number(pos);
    if (declared !== place.uncompressed) throw lie(n, `header declares ${declared} decoded bytes, the index ${place.uncompressed}`);
  }
  if ((flags & 0x03) !== 0) throw mismatch('a filter chain other than LZMA2 alone');
  const [id, afterId] = number(pos);
  const [propsSize, afterSize] = number(afterId);
  pos = afterSize;
  if (id !== LZMA2_FILTER || propsSize !== 1) throw mismatch('a filter other than LZMA2');
  if (pos >= end) throw lie(n, 'header ends inside its filter properties');
  const props = bytes[pos++] as number;
  if (props > 40) throw lie(n, 'header has an invalid dictionary size');
  const dictSize = props === 40 ? 0xffffffff : (2 | (props & 1)) * 2 ** (Math.floor(props / 2) + 11);
  if (dictSize > limits.maxDict) throw mismatch('a dictionary larger than the limit');
  while (pos < end) if (bytes[pos++] !== 0) throw lie(n, 'header padding is not zero');
  return { headerSize, dictSize };
}

/**
 * Checks all of block `n` (its bytes as they are in the file, padding included) against its
 * index record without decoding it: the header (checkXzBlockHeader), then every LZMA2 chunk
 * header, whose decoded sizes must add up to exactly what the index says and end exactly where
 * the index says the block's data ends, then zero padding before the check. Any failure is an
 * XzBlockLie.
 */
export function checkXzBlock(bytes: Buffer, n: number, place: XzRecord, checkSize: number, limits: BlockLimits): XzBlockHeader {
  if (bytes.length !== Math.ceil(place.unpadded / 4) * 4) throw lie(n, 'is cut short');
  let header: XzBlockHeader;
  try {
    header = checkXzBlockHeader(bytes, n, place, checkSize, limits);
  } catch (error) {
    // The file changed since its layout was read: what was a fine block is not any more.
    throw error instanceof XzLayoutMismatch ? lie(n, `changed while it was read (${error.message})`) : error;
  }
  const dataEnd = place.unpadded - checkSize;
  const decoded = lzma2DecodedSize(bytes, header.headerSize, dataEnd, n);
  if (decoded !== place.uncompressed) throw lie(n, `decodes to ${decoded} bytes by its chunk headers, but the index says ${place.uncompressed}`);
  // Block padding (§3.3) sits between the data and the check, which ends the block.
  for (let i = dataEnd; i < bytes.length - checkSize; i++) if (bytes[i] !== 0) throw lie(n, 'padding is not zero');
  return header;
}

/**
 * The decoded size of the LZMA2 data in bytes [start, end), from its chunk headers alone; throws
 * unless the data is a whole number of chunks ending with the end marker exactly at `end`.
 *   0x00           end of data
 *   0x01 / 0x02    uncompressed chunk (with / without dictionary reset): 2-byte size - 1, data
 *   0x80 - 0xFF    LZMA chunk: bits 0-4 and 2 bytes = decoded size - 1, 2 bytes = packed size
 *                  - 1, one properties byte when >= 0xC0, then the packed data
 * As liblzma requires, the first chunk resets the dictionary (0x01 or >= 0xE0), and the first
 * LZMA chunk after a dictionary reset brings new properties (>= 0xC0).
 */
export function lzma2DecodedSize(bytes: Uint8Array, start: number, end: number, n = 0): number {
  let pos = start;
  let decoded = 0;
  let needDictReset = true;
  let needProps = true;
  const at = (i: number): number => {
    if (i >= end) throw lie(n, 'LZMA2 data ends inside a chunk header');
    return bytes[i] as number;
  };
  for (;;) {
    const control = at(pos);
    if (control === 0x00) {
      if (pos + 1 !== end) throw lie(n, 'LZMA2 data ends before the size the index gives it');
      return decoded;
    }
    if (control === 0x01 || control >= 0xe0) {
      // A dictionary reset: the next LZMA chunk must bring new properties (liblzma's rule).
      needDictReset = false;
      needProps = true;
    } else if (needDictReset) throw lie(n, 'LZMA2 data does not start with a dictionary reset');
    if (control >= 0x80) {
      const size = (control & 0x1f) * 65536 + at(pos + 1) * 256 + at(pos + 2) + 1;
      const packed = at(pos + 3) * 256 + at(pos + 4) + 1;
      if (control >= 0xc0) {
        if (at(pos + 5) >= 9 * 5 * 5) throw lie(n, 'LZMA2 chunk has invalid properties');
        needProps = false;
        pos += 6;
      } else {
        if (needProps) throw lie(n, 'LZMA2 chunk lacks the properties it needs');
        pos += 5;
      }
      decoded += size;
      pos += packed;
    } else if (control <= 0x02) {
      const size = at(pos + 1) * 256 + at(pos + 2) + 1;
      decoded += size;
      pos += 3 + size;
    } else {
      throw lie(n, `LZMA2 data has an invalid control byte 0x${control.toString(16)}`);
    }
    if (pos > end) throw lie(n, 'LZMA2 chunk runs past the size the index gives the block');
  }
}
