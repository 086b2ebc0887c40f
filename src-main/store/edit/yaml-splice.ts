import { isMap, isScalar, parseDocument } from 'yaml';
import { serializeTopLevelEntry } from '../yaml/model-yaml-write.ts';

// An edit changes one or two top-level entries of model.yaml (`labels:`, `metadata:`) and must
// leave every other byte as it was (issue 11 §5): BentoML never rewrites the file, so its
// unknown keys, its folding and its quoting are the file's own. The `yaml` package's document
// gives each top-level key's offset; the new entry (written by the same emitter as a create,
// model-yaml-write.ts) replaces the text from that key's line to the next key's line. Whatever
// this cannot do exactly (a flow-style or multi-document file, a key not at the start of its
// line) returns null and the caller writes the whole file instead (edited-yaml.ts).

interface Entry {
  readonly key: string;
  /** Offset of the key, at the start of its line. */
  readonly start: number;
  /** Offset just past the line the value ends on (comment lines after it are not part of it). */
  readonly end: number;
}

function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === '\n') return at;
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** Each top-level entry, in order, or null when the file is not a block mapping at column 0. */
function topLevelKeys(text: string): Entry[] | null {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.flow === true) return null;
  const out: Entry[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) return null;
    const start = pair.key.range[0];
    // The key must start its line, or the splice would cut into something else on that line.
    if (start > 0 && text[start - 1] !== '\n') return null;
    const value = pair.value as { range?: [number, number, number] | null } | null;
    const valueEnd = value?.range ? value.range[1] : pair.key.range[1];
    out.push({ key: String(pair.key.value), start, end: lineEnd(text, valueEnd) });
  }
  return out;
}

/** Field order of ModelInfo (§3.2): a missing entry is put before the first key that follows it there. */
const FIELD_ORDER = ['name', 'version', 'module', 'labels', 'options', 'metadata', 'context', 'signatures', 'api_version', 'creation_time'];

function withEol(entry: string, eol: string): string {
  return eol === '\n' ? entry : entry.replace(/\n/g, eol);
}

/**
 * `text` with its top-level `key` entry replaced by `key: value` as the writer emits it (added in
 * BentoML's field order when absent); null when that cannot be done without touching other bytes.
 */
export function spliceTopLevel(text: string, key: string, value: unknown): string | null {
  const keys = topLevelKeys(text);
  if (keys === null) return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = withEol(serializeTopLevelEntry(key, value), eol);
  const matches = keys.filter((k) => k.key === key);
  // PyYAML keeps the last of duplicated keys; replacing one of two would leave the file ambiguous.
  if (matches.length > 1) return null;
  const [found] = matches;
  if (found === undefined) {
    const after = FIELD_ORDER.slice(FIELD_ORDER.indexOf(key) + 1);
    const next = keys.find((k) => after.includes(k.key));
    if (next !== undefined) return text.slice(0, next.start) + entry + text.slice(next.start);
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    return text + sep + entry;
  }
  const { end } = found;
  const replaced = text.slice(found.start, end);
  // The last entry of a file without a final newline stays without one.
  const last = end === text.length && !replaced.endsWith('\n') ? entry.slice(0, -eol.length) : entry;
  return text.slice(0, found.start) + last + text.slice(end);
}
