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
