import type { ModelVersion } from '../shared/model-types.ts';
import { toJson } from './json-out.ts';
import { versionJson } from './version-json.ts';

// `list --json` of 100,000 versions: each version becomes its JSON text as soon as its name is
// scanned (about a kilobyte, instead of the parsed objects), and the array is written in pieces.
// The text is exactly what toJson(versions.map(versionJson)) prints (tests/unit/version-json-text.test.ts).

/** True when JSON.stringify without toJson's replacer prints it the same: no bigint, no { $date } or { $float }. */
function plain(value: unknown): boolean {
  if (typeof value === 'bigint') return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!plain(item)) return false;
    return true;
  }
  let keys = 0;
  for (const key in value) {
    keys += 1;
    if (!plain((value as Record<string, unknown>)[key])) return false;
  }
  if (keys === 1) {
    const only = value as Record<string, unknown>;
    if ('$date' in only || '$float' in only) return false;
  }
  return true;
}

/** One version as an element of the printed array: two spaces deeper than toJson prints it alone. */
export function versionJsonElement(v: ModelVersion): string {
  const one = [versionJson(v)];
  // The replacer is called from C++ for every key; most versions do not need it. Printed inside a
  // one-element array, so it is indented as an element; the slice drops `[\n  ` and `\n]`, and it
  // is one flat string (String.replaceAll would make a rope of hundreds of pieces, 5x the memory).
  const text = plain(v.metadata) ? JSON.stringify(one, null, 2) : toJson(one);
  return text.slice(4, -2);
}

const PIECE = 1 << 20;

/** Writes `[`, the elements and `]` in pieces of about a megabyte (never the whole array as one string). */
export function writeJsonArray(elements: readonly string[], write: (text: string) => void): void {
  if (elements.length === 0) {
    write('[]\n');
    return;
  }
  let piece = '[\n  ';
  for (let i = 0; i < elements.length; i++) {
    piece += elements[i] + (i === elements.length - 1 ? '\n]\n' : ',\n  ');
    if (piece.length >= PIECE || i === elements.length - 1) {
      write(piece);
      piece = '';
    }
  }
}

const CHUNK = 4 << 20;

/**
 * The versions' texts as UTF-8 bytes outside V8's heap, for `list --json` of a big store: a
 * string per version costs the heap about three times its size once V8 has grown for it (3.4 KiB
 * per version at 100,000, issue 13); here a version costs its bytes and 12 bytes of index.
 * Chunks are only appended to, so a piece handed to write() is never changed afterwards.
 */
export class JsonTextArena {
  private readonly chunks: Buffer[] = [];
  private chunk: Buffer = Buffer.alloc(0);
  private used = 0;
  private chunkOf = new Uint32Array(1024);
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  private count = 0;

  /** Keeps `text`; returns its id for writeArray. */
  add(text: string): number {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.chunk.length) {
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK, text.length * 3));
      this.chunks.push(this.chunk);
      this.used = 0;
    }
    const written = this.chunk.write(text, this.used, 'utf8');
    const id = this.count++;
    if (id === this.chunkOf.length) this.grow();
    this.chunkOf[id] = this.chunks.length - 1;
    this.startOf[id] = this.used;
    this.lengthOf[id] = written;
    this.used += written;
    return id;
  }

  private grow(): void {
    const wider = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.chunkOf = wider(this.chunkOf);
    this.startOf = wider(this.startOf);
    this.lengthOf = wider(this.lengthOf);
  }

  private bytes(id: number): Buffer {
    const start = this.startOf[id] ?? 0;
    return (this.chunks[this.chunkOf[id] ?? 0] as Buffer).subarray(start, start + (this.lengthOf[id] ?? 0));
  }

  /** What writeJsonArray prints for these ids' texts, in pieces of about a megabyte. */
  writeArray(ids: readonly number[], write: (piece: Buffer) => void): void {
    if (ids.length === 0) {
      write(Buffer.from('[]\n'));
      return;
    }
    const open = Buffer.from('[\n  ');
    const between = Buffer.from(',\n  ');
    const close = Buffer.from('\n]\n');
    let parts: Buffer[] = [open];
    let size = open.length;
    for (let i = 0; i < ids.length; i++) {
      const text = this.bytes(ids[i] as number);
      const after = i === ids.length - 1 ? close : between;
      parts.push(text, after);
      size += text.length + after.length;
      if (size >= PIECE || i === ids.length - 1) {
        write(Buffer.concat(parts, size));
        parts = [];
        size = 0;
      }
    }
  }
}
