import { crc32 } from 'node:zlib';

// The .xz container (https://tukaani.org/xz/xz-file-format.txt, §2): a stream is a 12-byte
// header, any number of blocks, an index (one record per block) and a 12-byte footer. A
// multi-threaded `xz -T` writes ONE stream whose blocks were compressed independently; this file
// does the same with blocks that @napi-rs/lzma compressed, each as a whole one-block stream, on
// separate threads (xz-parallel.ts): the blocks are kept byte for byte (headers, data, CRC64
// checks), the per-block headers, indexes and footers are dropped, and one index and one footer
// for all blocks are written. The result is one valid .xz stream that any xz reader (Python's
// lzma module, i.e. BentoML; xz-utils) decodes, block after block.

const MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const FOOTER_MAGIC = Buffer.from('YZ', 'latin1');

/** One index record: the block's size without its padding, and its decoded size. */
export interface XzRecord {
  readonly unpadded: number;
  readonly uncompressed: number;
}

/** A one-stream .xz file cut into what a larger stream is made of. */
export interface XzPieces {
  /** The stream flags (2 bytes: reserved 0, check type). */
  readonly flags: Buffer;
  /** The blocks, as they are in the stream (each already padded to 4 bytes). */
  readonly blocks: Buffer;
  readonly records: readonly XzRecord[];
}

function damaged(what: string): Error {
  return new Error(`xz block stream is malformed: ${what}`);
}

function crc(buf: Uint8Array): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(crc32(buf));
  return out;
}

/** Reads a multibyte integer (§1.2) at `pos`; returns the value and the next position. */
function readVarint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buf[pos + i];
    if (byte === undefined) throw damaged('index ends inside a number');
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, pos + i + 1];
  }
  throw damaged('index number longer than 9 bytes');
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** Cuts a complete single .xz stream into its flags, its blocks and its index records. */
export function splitXzStream(stream: Buffer): XzPieces {
  if (stream.length < 24 || !stream.subarray(0, 6).equals(MAGIC)) throw damaged('no stream header');
  if (!stream.subarray(stream.length - 2).equals(FOOTER_MAGIC)) throw damaged('no stream footer');
  const flags = Buffer.from(stream.subarray(6, 8));
  const footer = stream.subarray(stream.length - 12);
  if (!footer.subarray(8, 10).equals(flags)) throw damaged('header and footer flags differ');
  const indexSize = (footer.readUInt32LE(4) + 1) * 4;
  const indexStart = stream.length - 12 - indexSize;
  if (indexStart < 12) throw damaged('index larger than the stream');
  const index = stream.subarray(indexStart, stream.length - 12);
  if (index[0] !== 0x00) throw damaged('no index indicator');
  const [count, first] = readVarint(index, 1);
  let pos = first;
  const records: XzRecord[] = [];
  for (let i = 0; i < count; i++) {
    let unpadded: number;
    let uncompressed: number;
    [unpadded, pos] = readVarint(index, pos);
    [uncompressed, pos] = readVarint(index, pos);
    records.push({ unpadded, uncompressed });
  }
  const blocks = stream.subarray(12, indexStart);
  const padded = records.reduce((sum, r) => sum + Math.ceil(r.unpadded / 4) * 4, 0);
  if (padded !== blocks.length) throw damaged(`blocks take ${blocks.length} bytes, the index says ${padded}`);
  return { flags, blocks, records };
}

/** The 12-byte stream header for these flags. */
export function xzStreamHeader(flags: Buffer): Buffer {
  return Buffer.concat([MAGIC, flags, crc(flags)]);
}

/** The index for `records` followed by the stream footer: the end of a stream. */
export function xzStreamEnd(flags: Buffer, records: readonly XzRecord[]): Buffer {
  const body = [Buffer.from([0x00]), varint(records.length)];
  for (const r of records) body.push(varint(r.unpadded), varint(r.uncompressed));
  const unpaddedIndex = body.reduce((sum, b) => sum + b.length, 0);
  body.push(Buffer.alloc((4 - (unpaddedIndex % 4)) % 4));
  const indexBody = Buffer.concat(body);
  const index = Buffer.concat([indexBody, crc(indexBody)]);
  const backward = Buffer.alloc(4);
  backward.writeUInt32LE(index.length / 4 - 1);
  const footerBody = Buffer.concat([backward, flags]);
  return Buffer.concat([index, crc(footerBody), footerBody, FOOTER_MAGIC]);
}
