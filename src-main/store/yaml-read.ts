import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { plainKind, PYYAML_TAGS } from './yaml-1-1-schema.ts';
import type { RNode, ScalarKind } from './yaml-tree.ts';

const MAX_DEPTH = 200;
const NULL_NODE: RNode = { t: 'scalar', kind: 'null', value: null };

const KIND_BY_TAG: Record<string, ScalarKind> = {
  'tag:yaml.org,2002:int': 'int',
  'tag:yaml.org,2002:float': 'float',
};

function scalarKind(node: Scalar): ScalarKind {
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') {
    const byTag = node.tag ? KIND_BY_TAG[node.tag] : undefined;
    if (byTag) return byTag;
    return plainKind(String(node.source)) === 'float' ? 'float' : 'int';
  }
  if (typeof v === 'object' && '$date' in v) return 'timestamp';
  return 'binary';
}

function convert(node: unknown, doc: Document, depth: number): RNode {
  if (depth > MAX_DEPTH) throw new Error('it nests too deeply (or holds a recursive alias)');
  if (node === null || node === undefined) return NULL_NODE;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new Error(`found undefined alias '${node.source}'`);
    return convert(target, doc, depth + 1);
  }
  if (isScalar(node)) {
    // A plain `<<` anywhere but as a key is PyYAML's merge tag, which cannot be built as a value.
    if (node.type === 'PLAIN' && node.source === '<<' && !node.tag) throw new Error("could not determine a constructor for the tag 'tag:yaml.org,2002:merge'");
    return { t: 'scalar', kind: scalarKind(node), value: node.value };
  }
  if (isSeq(node)) return { t: 'seq', items: node.items.map((item) => convert(item, doc, depth + 1)) };
  if (isMap(node)) {
    const merged: (readonly [RNode, RNode])[] = [];
    const own: (readonly [RNode, RNode])[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      // PyYAML's merge key `<<` (flatten_mapping): merged entries first, so the map's own keys win;
      // from a list of maps, earlier maps win.
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
        const value = convert(pair.value, doc, depth + 1);
        const maps = value.t === 'seq' ? [...value.items].reverse() : [value];
        for (const m of maps) {
          if (m.t !== 'map') throw new Error('expected a mapping or list of mappings for merging');
          merged.push(...m.entries);
        }
        continue;
      }
      own.push([convert(keyNode, doc, depth + 1), convert(pair.value, doc, depth + 1)]);
    }
    return { t: 'map', entries: merged.length > 0 ? [...merged, ...own] : own };
  }
  throw new Error('it holds an unsupported YAML node');
}

/** A problem found while reading YAML, with its 1-based position when the parser knows it. */
export class YamlProblem extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, at?: { line: number; col: number }) {
    super(message);
    this.line = at?.line;
    this.column = at?.col;
  }
}

/**
 * Full YAML reader: the `yaml` package's failsafe schema plus PyYAML's resolvers as customTags
 * (design §2), duplicate keys allowed (PyYAML keeps the last). Returns null for an empty document.
 * Throws a YamlProblem for the first syntax problem: the parser's one-line message and its
 * position (not the "pretty" message, which ends in a multi-line code excerpt).
 */
export function readYamlTree(text: string): RNode | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'failsafe',
    customTags: PYYAML_TAGS,
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter,
  });
  const bad = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (bad) throw new YamlProblem(bad.message.split('\n')[0] ?? bad.code, lineCounter.linePos(bad.pos[0]));
  if (doc.contents === null) return null;
  return convert(doc.contents, doc, 0);
}
