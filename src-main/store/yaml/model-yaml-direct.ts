import { floatValue, pyFloatRepr } from '../../shared/py-float.ts';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { parseCreationTime } from './creation-time.ts';
import type { ModelContext, ModelInfo } from './model-info.ts';
import { constructBool, constructFloat, constructInt, plainKind } from './yaml-1-1-schema.ts';
import { setKey } from './yaml-tree.ts';

// model.yaml as BentoML writes it (§3.6 A and B, framework saves), read straight into a ModelInfo:
// no node tree, no second walk (toJs, pyStr) over it. Listing 100,000 versions spends most of its
// parsing here (issue 13). It reads the same plain block-style subset as yaml-fast-path.ts and
// builds only a model BentoML loads cleanly; anything else (outside the subset, a key that is not a
// string, a timestamp, a null in metadata, any load error) returns undefined and the full reader
// (parseModelYaml's tree path) decides, with its exact values and messages.
// tests/unit/model-yaml-direct.test.ts compares both on many documents.

const REJECT_RE = /[\r\t"#&*!|>%@`\\\u0080-\uffff]/;
const QUOTED_KEY_RE = /^'((?:[^']|'')*)':(?: (.*))?$/;
const QUOTED_RE = /^'((?:[^']|'')*)'$/;
// PyYAML refuses implicit keys over 1024 characters; like the fast path, leave long keys to the full reader.
const MAX_KEY = 1000;
// Deeper documents go to the full reader, which has its own depth rule.
const MAX_DEPTH = 64;

/** Not for this reader: the full reader takes the document. One instance: thrown often, never shown. */
const NOT_DIRECT = new Error('not a document the direct reader builds');

type Kind = 'str' | 'int' | 'float' | 'bool' | 'null' | 'map' | 'seq';

const KEY_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-') KEY_CHAR[ch.charCodeAt(0)] = 1;

/**
 * plainKind with its common answers found without a regex: a plain scalar starting with a letter
 * is a bool or a null only when it is one of PyYAML's words (at most 5 characters), a small
 * decimal int is an int. Everything else asks plainKind itself.
 */
function kindOf(text: string): ReturnType<typeof plainKind> {
  const c = text.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) return text.length <= 5 ? plainKind(text) : 'str';
  return plainKind(text);
}

/** A plain key PyYAML reads as a string (keys repeat in every file; most start with a letter). */
function isStrKey(text: string): boolean {
  return kindOf(text) === 'str';
}

/** Number(text) for a decimal int that a double holds exactly (no sign but '-', no '_', no leading 0), else undefined. */
function smallInt(text: string): number | undefined {
  const n = text.length;
  let j = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (n - j < 1 || n - j > 15) return undefined;
  const first = text.charCodeAt(j);
  // '0' alone (and '-0', which PyYAML builds as the int 0, not -0.0) takes the general path.
  if (first < 0x31 || first > 0x39) return undefined;
  for (j++; j < n; j++) {
    const d = text.charCodeAt(j);
    if (d < 0x30 || d > 0x39) return undefined;
  }
  return Number(text);
}

/** Number(text) for `-?digits.digits` (no '_', no exponent): what constructFloat gives, without its rewrites. */
function smallFloat(text: string): number | undefined {
  let dot = false;
  for (let j = text.charCodeAt(0) === 0x2d ? 1 : 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x2e && !dot) dot = true;
    else if (c < 0x30 || c > 0x39) return undefined;
  }
  return dot ? Number(text) : undefined;
}

// PLAIN_RE of yaml-fast-path.ts as a table walk: first character, then the rest ('-' first only
// before [A-Za-z0-9.]; ':' only when not followed by a space or the end).
const PLAIN_FIRST = new Uint8Array(128);
const PLAIN_REST = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~/(+') PLAIN_FIRST[ch.charCodeAt(0)] = 1;
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~/()+-=,;' ") PLAIN_REST[ch.charCodeAt(0)] = 1;
const isAlnumDot = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e;

function isPlain(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const c0 = text.charCodeAt(0);
  if (c0 === 0x2d) {
    if (!(n > 1 && isAlnumDot(text.charCodeAt(1)))) return false;
  } else if (c0 >= 128 || PLAIN_FIRST[c0] !== 1) return false;
  for (let j = 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x3a) {
      if (j + 1 === n || text.charCodeAt(j + 1) === 0x20) return false;
    } else if (c >= 128 || PLAIN_REST[c] !== 1) return false;
  }
  return true;
}

/** Python's str() of a scalar the reader built (labels, context fields, module, api_version). */
function scalarText(kind: Kind, value: unknown, float: number): string {
  switch (kind) {
    case 'str':
      return value as string;
    case 'float':
      return pyFloatRepr(float);
    case 'bool':
      return value ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'int':
      return String(value);
    default:
      throw NOT_DIRECT;
  }
}

class Reader {
  readonly indents: number[];
  readonly contents: string[];
  i = 0;
  /** Kind of the node the last value() call built. */
  kind: Kind = 'null';
  /** Nulls built so far: metadata may hold none. */
  nulls = 0;
  /** The float itself when the last scalar was a float (value() gives floatValue's wrapper). */
  float = 0;

  constructor(indents: number[], contents: string[]) {
    this.indents = indents;
    this.contents = contents;
  }

  /** A scalar written on the line (after `key: ` or `- `), as PyYAML's safe_load builds it. */
  inline(text: string): unknown {
    const c = text.charCodeAt(0);
    if (c === 0x27 /* ' */) {
      const q = QUOTED_RE.exec(text);
      if (!q) throw NOT_DIRECT;
      this.kind = 'str';
      const s = q[1] ?? '';
      return s.includes("'") ? s.replace(/''/g, "'") : s;
    }
    if (text === '{}') {
      this.kind = 'map';
      return {};
    }
    if (text === '[]') {
      this.kind = 'seq';
      return [];
    }
    if (text.charCodeAt(text.length - 1) === 0x20 || !isPlain(text)) throw NOT_DIRECT;
    const kind = kindOf(text);
    try {
      switch (kind) {
        case 'str':
          this.kind = 'str';
          return text;
        case 'int':
          this.kind = 'int';
          return smallInt(text) ?? constructInt(text);
        case 'float':
          this.kind = 'float';
          this.float = smallFloat(text) ?? constructFloat(text);
          return floatValue(this.float);
        case 'bool':
          this.kind = 'bool';
          return constructBool(text);
        case 'null':
          this.kind = 'null';
          this.nulls++;
          return null;
        default:
          // Timestamps (PyYAML builds a datetime) and `=` are left to the full reader.
          throw NOT_DIRECT;
      }
    } catch {
      throw NOT_DIRECT;
    }
  }

  /** The node starting at the current line (a map, a sequence, or a scalar alone on its line). */
  node(depth: number): unknown {
    if (depth > MAX_DEPTH || this.i >= this.contents.length) throw NOT_DIRECT;
    const content = this.contents[this.i] as string;
    const indent = this.indents[this.i] as number;
    if (isSeqItem(content)) return this.seq(indent, depth);
    if (keyEnd(content) >= 0 || content.charCodeAt(0) === 0x27) return this.map(indent, depth);
    this.i++;
    return this.inline(content);
  }

  /** The value of `key:` or `-` with nothing after it on the line. */
  blockValue(parentIndent: number, allowIndentless: boolean, depth: number): unknown {
    if (this.i < this.contents.length) {
      const indent = this.indents[this.i] as number;
      if (indent > parentIndent) return this.node(depth);
      if (allowIndentless && indent === parentIndent && isSeqItem(this.contents[this.i] as string)) return this.seq(parentIndent, depth);
    }
    this.kind = 'null';
    this.nulls++;
    return null;
  }

  /**
   * The entries of the map at `indent`, one call of `entry(key, rest)` per key line: `rest` is the
   * text after `key: `, or undefined when the value is a block below (entry then reads it).
   */
  entries(indent: number, entry: (key: string, rest: string | undefined) => void): void {
    const { indents, contents } = this;
    while (this.i < contents.length && indents[this.i] === indent) {
      const content = contents[this.i] as string;
      if (isSeqItem(content)) break;
      let key: string;
      let rest: string | undefined;
      const end = keyEnd(content);
      if (end >= 0) {
        if (end > MAX_KEY) throw NOT_DIRECT;
        key = content.slice(0, end);
        if (!isStrKey(key)) throw NOT_DIRECT;
        rest = end + 1 < content.length ? content.slice(end + 2) : undefined;
      } else {
        const m = QUOTED_KEY_RE.exec(content);
        if (!m || (m[1] ?? '').length > MAX_KEY) throw NOT_DIRECT;
        key = (m[1] ?? '').replace(/''/g, "'");
        rest = m[2];
      }
      this.i++;
      entry(key, rest === '' ? undefined : rest);
    }
    this.checkEnd(indent);
  }

  /** A value after `key:`: on the line, or the block below. */
  valueOf(rest: string | undefined, indent: number, depth: number): unknown {
    return rest === undefined ? this.blockValue(indent, true, depth + 1) : this.inline(rest);
  }

  map(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.entries(indent, (key, rest) => setKey(out, key, this.valueOf(rest, indent, depth)));
    this.kind = 'map';
    return out;
  }

  seq(indent: number, depth: number): unknown[] {
    const items: unknown[] = [];
    const { indents, contents } = this;
    while (this.i < contents.length && indents[this.i] === indent) {
      const content = contents[this.i] as string;
      if (!isSeqItem(content)) break;
      if (content.length === 1) {
        this.i++;
        items.push(this.blockValue(indent, false, depth + 1));
      } else {
        // `- x`: the item is a node starting two columns in (covers `- - 1` and `- a: 1`).
        indents[this.i] = indent + 2;
        contents[this.i] = content.slice(2);
        items.push(this.node(depth + 1));
      }
    }
    this.checkEnd(indent);
    this.kind = 'seq';
    return items;
  }

  checkEnd(indent: number): void {
    if (this.i < this.contents.length && (this.indents[this.i] as number) > indent) throw NOT_DIRECT;
  }

  /** A map whose values are read as Python str() (labels, framework_versions): scalars only. */
  strMap(rest: string | undefined, indent: number): Record<string, string> {
    if (rest !== undefined) {
      if (rest !== '{}') throw NOT_DIRECT;
      return {};
    }
    if (this.i >= this.contents.length || (this.indents[this.i] as number) <= indent || isSeqItem(this.contents[this.i] as string)) throw NOT_DIRECT;
    const out: Record<string, string> = {};
    const inner = this.indents[this.i] as number;
    this.entries(inner, (key, value) => {
      if (value === undefined) throw NOT_DIRECT;
      const v = this.inline(value);
      setKey(out, key, scalarText(this.kind, v, this.float));
    });
    return out;
  }

  /** A scalar written on the key's line, with its Python str(). */
  scalarOn(rest: string | undefined): Top {
    if (rest === undefined) throw NOT_DIRECT;
    const value = this.inline(rest);
    return { kind: this.kind, value, text: scalarText(this.kind, value, this.float) };
  }
}

const isSeqItem = (c: string): boolean => c.charCodeAt(0) === 0x2d /* - */ && (c.length === 1 || c.charCodeAt(1) === 0x20);

/** Index of the ':' ending a plain key at the start of `content` (`key:` or `key: ...`), or -1. */
function keyEnd(content: string): number {
  const n = content.length;
  let j = 0;
  while (j < n) {
    const c = content.charCodeAt(j);
    if (c < 128 && KEY_CHAR[c] === 1 && !(j === 0 && (c === 0x2e || c === 0x2f || c === 0x2d))) j++;
    else break;
  }
  if (j === 0 || j >= n || content.charCodeAt(j) !== 0x3a) return -1;
  if (j + 1 < n && content.charCodeAt(j + 1) !== 0x20) return -1;
  return j;
}

function splitLines(text: string): { indents: number[]; contents: string[] } | undefined {
  const indents: number[] = [];
  const contents: string[] = [];
  const n = text.length;
  for (let start = 0; start < n; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    let j = start;
    while (j < end && text.charCodeAt(j) === 0x20) j++;
    // An empty or blank line, or one ending in a space: the full reader takes it.
    if (j === end || text.charCodeAt(end - 1) === 0x20) return undefined;
    indents.push(j - start);
    contents.push(text.slice(j, end));
    start = end + 1;
  }
  if (contents.length === 0 || indents[0] !== 0) return undefined;
  return { indents, contents };
}

interface Top {
  kind: Kind;
  value: unknown;
  /** Python's str() of a scalar read by scalarOn. */
  text?: string;
}

const isMap = (t: Top | undefined): t is Top & { value: Record<string, unknown> } => t?.kind === 'map';

function readContext(r: Reader, rest: string | undefined): { kind: Kind; value: ModelContext } {
  if (rest !== undefined || r.i >= r.contents.length || (r.indents[r.i] as number) === 0 || isSeqItem(r.contents[r.i] as string)) throw NOT_DIRECT;
  const inner = r.indents[r.i] as number;
  let frameworkName: string | undefined;
  let versions: Record<string, string> | undefined;
  let pip = false;
  let bentoml: string | undefined;
  let python: string | undefined;
  r.entries(inner, (key, value) => {
    switch (key) {
      case 'framework_name': {
        frameworkName = r.scalarOn(value).text;
        break;
      }
      case 'framework_versions':
        versions = r.strMap(value, inner);
        break;
      case 'bentoml_version': {
        bentoml = r.scalarOn(value).text;
        break;
      }
      case 'python_version': {
        python = r.scalarOn(value).text;
        break;
      }
      default:
        // Back-compat rewrite (model:653-660): pip_dependencies present -> framework_versions {}.
        if (key === 'pip_dependencies') pip = true;
        r.valueOf(value, inner, 1);
    }
  });
  if (frameworkName === undefined || versions === undefined) throw NOT_DIRECT;
  const context: ModelContext = { framework_name: frameworkName, framework_versions: pip ? {} : versions };
  // Missing keys stay missing (model-yaml.ts readContext), added in its order.
  if (bentoml !== undefined) context.bentoml_version = bentoml;
  if (python !== undefined) context.python_version = python;
  return { kind: 'map', value: context };
}

function readSignatures(r: Reader, rest: string | undefined): Top {
  if (rest !== undefined) {
    const value = r.inline(rest);
    return { kind: r.kind, value };
  }
  if (r.i >= r.contents.length || (r.indents[r.i] as number) === 0 || isSeqItem(r.contents[r.i] as string)) throw NOT_DIRECT;
  const inner = r.indents[r.i] as number;
  const out: Record<string, unknown> = {};
  r.entries(inner, (key, value) => {
    const sig = r.valueOf(value, inner, 1);
    if (r.kind !== 'map') throw NOT_DIRECT;
    const dim = Object.hasOwn(sig as object, 'batch_dim') ? (sig as Record<string, unknown>).batch_dim : undefined;
    if (dim !== undefined && !(Array.isArray(dim) && dim.length === 2)) throw NOT_DIRECT;
    setKey(out, key, sig);
  });
  return { kind: 'map', value: out };
}

const KNOWN = new Set(['name', 'version', 'module', 'labels', 'options', 'metadata', 'context', 'signatures', 'api_version', 'creation_time', 'bentoml_version']);

function tagPart(t: Top | undefined): string {
  if (t?.kind !== 'str') throw NOT_DIRECT;
  const lower = (t.value as string).toLowerCase();
  if (!isValidTagComponent(lower)) throw NOT_DIRECT;
  return lower;
}

function text(t: Top | undefined): string {
  if (t?.text === undefined) throw NOT_DIRECT;
  return t.text;
}

function build(r: Reader): ModelInfo {
  const fields = new Map<string, Top>();
  r.entries(0, (key, rest) => {
    switch (key) {
      case 'name':
      case 'version':
      case 'module':
      case 'api_version':
      case 'creation_time':
        fields.set(key, r.scalarOn(rest));
        break;
      case 'labels':
        fields.set(key, { kind: 'map', value: r.strMap(rest, 0) });
        break;
      case 'context':
        fields.set(key, readContext(r, rest));
        break;
      case 'signatures':
        fields.set(key, readSignatures(r, rest));
        break;
      case 'metadata': {
        const nulls = r.nulls;
        const value = r.valueOf(rest, 0, 0);
        // A null in metadata fails BentoML's load: the full reader says where.
        if (r.nulls !== nulls) throw NOT_DIRECT;
        fields.set(key, { kind: r.kind, value });
        break;
      }
      default: {
        const value = r.valueOf(rest, 0, 0);
        fields.set(key, { kind: r.kind, value });
      }
    }
  });
  if (r.i !== r.contents.length) throw NOT_DIRECT;
  const labels = fields.get('labels');
  const options = fields.get('options');
  const metadata = fields.get('metadata');
  const context = fields.get('context');
  const signatures = fields.get('signatures');
  const created = fields.get('creation_time');
  if (!isMap(labels) || !isMap(options) || !isMap(metadata) || context === undefined) throw NOT_DIRECT;
  if (signatures !== undefined && !isMap(signatures)) throw NOT_DIRECT;
  if (created?.kind !== 'str' || parseCreationTime(created.value as string) === null) throw NOT_DIRECT;
  const info: ModelInfo = {
    name: tagPart(fields.get('name')),
    version: tagPart(fields.get('version')),
    module: text(fields.get('module')),
    labels: labels.value as Record<string, string>,
    options: options.value,
    metadata: metadata.value as ModelInfo['metadata'],
    context: context.value as ModelContext,
    signatures: signatures === undefined ? {} : signatures.value,
    api_version: text(fields.get('api_version')),
    creation_time: created.value as string,
    extra: {},
  };
  for (const [key, t] of fields) if (!KNOWN.has(key)) Object.defineProperty(info.extra, key, { value: t.value, enumerable: true, writable: true, configurable: true });
  return info;
}

/**
 * The ModelInfo parseModelYaml gives for `text`, built in one pass, or undefined when the text is
 * not a cleanly loading model.yaml in the plain BentoML subset (the full reader then decides).
 */
export function readModelInfoDirect(text: string): ModelInfo | undefined {
  if (REJECT_RE.test(text)) return undefined;
  const lines = splitLines(text);
  if (!lines) return undefined;
  try {
    return build(new Reader(lines.indents, lines.contents));
  } catch (error) {
    if (error === NOT_DIRECT) return undefined;
    throw error;
  }
}
