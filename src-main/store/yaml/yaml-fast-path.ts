import { resolvePlain, plainKind } from './yaml-1-1-schema.ts';
import type { RNode, ScalarKind } from './yaml-tree.ts';

// An exact reader for the plain block-style subset PyYAML's safe_dump writes for ordinary models
// (§3.6 examples A and B). Anything outside it (comments, double quotes, folding, tags, anchors, flow
// collections other than {} and [], tabs, CR, non-ASCII) returns undefined and the full parser runs.
// tests/unit/yaml-fast-path.test.ts compares both readers on many documents.

const REJECT_RE = /[\r\t"#&*!|>%@`\\\u0080-\uffff]/;
const PLAIN_KEY_RE = /^([A-Za-z0-9_][A-Za-z0-9_.\-/]*):(?: (.*))?$/;
const QUOTED_KEY_RE = /^'((?:[^']|'')*)':(?: (.*))?$/;
const QUOTED_RE = /^'((?:[^']|'')*)'$/;
const PLAIN_RE = /^(?:[A-Za-z0-9_.~/(+]|-(?=[A-Za-z0-9.]))(?:[A-Za-z0-9_.~/()+\-=,;' ]|:(?! |$))*$/;

class NotInSubset extends Error {}

interface Line {
  indent: number;
  content: string;
}

function scalar(kind: ScalarKind, value: unknown): RNode {
  return { t: 'scalar', kind, value };
}

function plain(text: string): RNode {
  const kind = plainKind(text);
  if (kind === 'value') throw new NotInSubset();
  let value: unknown;
  try {
    value = resolvePlain(text);
  } catch {
    throw new NotInSubset(); // let the full parser report it
  }
  return scalar(kind === 'timestamp' ? 'timestamp' : kind, value);
}

function inlineValue(text: string): RNode {
  if (text === '{}') return { t: 'map', entries: [] };
  if (text === '[]') return { t: 'seq', items: [] };
  const q = QUOTED_RE.exec(text);
  if (q) return scalar('str', (q[1] ?? '').replace(/''/g, "'"));
  if (text.endsWith(' ') || !PLAIN_RE.test(text)) throw new NotInSubset();
  return plain(text);
}

const isSeqItem = (c: string): boolean => c === '-' || c.startsWith('- ');

class Reader {
  readonly lines: Line[];
  i = 0;
  constructor(lines: Line[]) {
    this.lines = lines;
  }

  node(): RNode {
    const line = this.lines[this.i];
    if (!line) throw new NotInSubset();
    if (isSeqItem(line.content)) return this.seq(line.indent);
    if (PLAIN_KEY_RE.test(line.content) || QUOTED_KEY_RE.test(line.content)) return this.map(line.indent);
    this.i++;
    return inlineValue(line.content);
  }

  /** The value of `key:` or `-` with nothing after it on the line. */
  blockValue(parentIndent: number, allowIndentless: boolean): RNode {
    const next = this.lines[this.i];
    if (next && next.indent > parentIndent) return this.node();
    if (next && allowIndentless && next.indent === parentIndent && isSeqItem(next.content)) return this.seq(parentIndent);
    return scalar('null', null);
  }

  map(indent: number): RNode {
    const entries: (readonly [RNode, RNode])[] = [];
    for (let line = this.lines[this.i]; line && line.indent === indent && !isSeqItem(line.content); line = this.lines[this.i]) {
      const pm = PLAIN_KEY_RE.exec(line.content);
      const qm = pm ? null : QUOTED_KEY_RE.exec(line.content);
      const m = pm ?? qm;
      // PyYAML refuses an implicit key longer than 1024 characters; let the full reader say so.
      if (!m || (m[1] ?? '').length > 1000) throw new NotInSubset();
      const key = pm ? plain(m[1] ?? '') : scalar('str', (m[1] ?? '').replace(/''/g, "'"));
      this.i++;
      const rest = m[2];
      entries.push([key, rest === undefined || rest === '' ? this.blockValue(indent, true) : inlineValue(rest)]);
    }
    this.checkEnd(indent);
    return { t: 'map', entries };
  }

  seq(indent: number): RNode {
    const items: RNode[] = [];
    for (let line = this.lines[this.i]; line && line.indent === indent && isSeqItem(line.content); line = this.lines[this.i]) {
      if (line.content === '-') {
        this.i++;
        items.push(this.blockValue(indent, false));
      } else {
        // `- x`: the item is a node starting two columns in (covers `- - 1` and `- a: 1`).
        this.lines[this.i] = { indent: indent + 2, content: line.content.slice(2) };
        items.push(this.node());
      }
    }
    this.checkEnd(indent);
    return { t: 'seq', items };
  }

  checkEnd(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) throw new NotInSubset();
  }
}

/** The document as PyYAML reads it, or undefined when it is outside the fast subset. */
export function fastReadYamlTree(text: string): RNode | undefined {
  if (REJECT_RE.test(text)) return undefined;
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const lines: Line[] = [];
  for (const r of raw) {
    const content = r.trimStart();
    if (content === '' || r.endsWith(' ')) return undefined;
    lines.push({ indent: r.length - content.length, content });
  }
  if (lines.length === 0 || lines[0]?.indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const root = reader.node();
    if (reader.i !== lines.length || root.t !== 'map') return undefined;
    return root;
  } catch (error) {
    if (error instanceof NotInSubset) return undefined;
    throw error;
  }
}
