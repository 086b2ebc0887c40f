import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { serializeTopLevelEntry } from '../yaml/model-yaml-write.ts';

// An edit changes entries of `labels:` and `metadata:` in model.yaml and must leave every other
// byte as it was (issue 11 §5): BentoML never rewrites the file, so its unknown keys, its folding,
// its quoting and the YAML types of the values nobody touched (an int key `0: cat`, a date, a
// `!!binary`) are the file's own. The `yaml` package's document gives each entry's offsets; a
// changed entry (written by the same emitter as a create, model-yaml-write.ts) replaces the
// lines of the old one, a new one goes after the last, a removed one's lines go. Whatever this
// cannot do exactly (a flow-style or multi-document file, a key not at the start of its line,
// duplicated keys) returns null, and the caller tries a coarser way (edited-yaml.ts).

interface Entry {
  readonly key: string;
  /** Offset of the start of the key's line. */
  readonly start: number;
  /** Spaces before the key on its line. */
  readonly indent: number;
  /** Offset just past the line the value ends on (comment lines after it are not part of it). */
  readonly end: number;
}

function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === '\n') return at;
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

/** The entries of a block mapping, in order; null when one does not start its own line. */
function entriesOf(map: YAMLMap, text: string): Entry[] | null {
  if (map.flow === true) return null;
  const out: Entry[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !pair.key.range) return null;
    const keyAt = pair.key.range[0];
    const start = text.lastIndexOf('\n', keyAt - 1) + 1;
    // Only spaces before the key, or the splice would cut into something else on that line.
    if (!/^ *$/.test(text.slice(start, keyAt))) return null;
    const valueEnd = (pair.value as Ranged)?.range?.[1] ?? pair.key.range[1];
    out.push({ key: String(pair.key.value), start, indent: keyAt - start, end: lineEnd(text, valueEnd) });
  }
  // PyYAML keeps the last of duplicated keys; editing one of two would leave the file ambiguous.
  return new Set(out.map((e) => e.key)).size === out.length ? out : null;
}

function topLevel(text: string): { doc: ReturnType<typeof parseDocument>; entries: Entry[] } | null {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const entries = entriesOf(doc.contents, text);
  return entries === null || entries.some((e) => e.indent !== 0) ? null : { doc, entries };
}

/** Field order of ModelInfo (§3.2): a missing entry is put before the first key that follows it there. */
const FIELD_ORDER = ['name', 'version', 'module', 'labels', 'options', 'metadata', 'context', 'signatures', 'api_version', 'creation_time'];

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** `key: value` as the writer emits it, every line indented by `indent` spaces, with the file's line ends. */
function entryText(key: string, value: unknown, indent: number, eol: string): string {
  const pad = ' '.repeat(indent);
  const lines = serializeTopLevelEntry(key, value).slice(0, -1).split('\n');
  return lines.map((line) => `${pad}${line}${eol}`).join('');
}

/** Replaces text[start, end) by `entry`; the last entry of a file without a final newline keeps none. */
function replaceLines(text: string, start: number, end: number, entry: string, eol: string): string {
  const last = end === text.length && !text.slice(start, end).endsWith('\n') && entry.endsWith(eol) ? entry.slice(0, -eol.length) : entry;
  return text.slice(0, start) + last + text.slice(end);
}

/**
 * `text` with its top-level `key` entry replaced by `key: value` as the writer emits it (added in
 * BentoML's field order when absent); null when that cannot be done without touching other bytes.
 */
export function spliceTopLevel(text: string, key: string, value: unknown): string | null {
  const top = topLevel(text);
  if (top === null) return null;
  const eol = eolOf(text);
  const entry = entryText(key, value, 0, eol);
  const found = top.entries.find((e) => e.key === key);
  if (found) return replaceLines(text, found.start, found.end, entry, eol);
  const after = FIELD_ORDER.slice(FIELD_ORDER.indexOf(key) + 1);
  const next = top.entries.find((e) => after.includes(e.key));
  if (next !== undefined) return text.slice(0, next.start) + entry + text.slice(next.start);
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return text + sep + entry;
}

export interface EntryEdits {
  /** Keys to set, in order (an existing key keeps its place, a new one goes last). */
  readonly set: readonly (readonly [string, unknown])[];
  readonly unset: readonly string[];
}

/**
 * `text` with only the named entries inside the top-level block mapping `parent` changed: set
 * ones rewritten in place or added after the last, unset ones removed; every other entry keeps
 * its bytes. Null when the mapping is not a block mapping this can edit line by line (flow style
 * such as `{}`, or an edit that would leave it empty: the caller rewrites the whole entry).
 */
export function spliceEntries(text: string, parent: string, edits: EntryEdits): string | null {
  const top = topLevel(text);
  const pair = top?.entries.find((e) => e.key === parent);
  if (!top || !pair || !isMap(top.doc.contents)) return null;
  const node = top.doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === parent)?.value;
  if (!isMap(node) || node.items.length === 0) return null;
  const entries = entriesOf(node, text);
  const indent = entries?.[0]?.indent ?? 0;
  if (entries === null || indent === 0 || entries.some((e) => e.indent !== indent)) return null;
  const removed = new Set(edits.unset);
  const existing = new Map(entries.map((e) => [e.key, e]));
  const added = edits.set.filter(([k]) => !existing.has(k));
  if (entries.every((e) => removed.has(e.key)) && added.length === 0) return null;
  const eol = eolOf(text);
  const setValue = new Map(edits.set);
  // Back to front, so that the offsets still to use stay valid.
  let out = text;
  const lastEnd = entries.at(-1)?.end ?? pair.end;
  const tail = added.map(([k, v]) => entryText(k, v, indent, eol)).join('');
  if (tail !== '') out = out.slice(0, lastEnd) + (lastEnd === out.length && !out.endsWith('\n') ? eol : '') + tail + out.slice(lastEnd);
  for (const e of [...entries].reverse()) {
    if (removed.has(e.key)) out = out.slice(0, e.start) + out.slice(e.end);
    else if (setValue.has(e.key)) out = replaceLines(out, e.start, e.end, entryText(e.key, setValue.get(e.key), indent, eol), eol);
  }
  return out;
}
