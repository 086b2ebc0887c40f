import { createRequire } from 'node:module';
import type * as YamlLib from 'yaml';
import type { Alias, Document, Node, Scalar } from 'yaml';
import { plainKind, PYYAML_TAGS } from './yaml-1-1-schema.ts';
import type { RNode, ScalarKind } from './yaml-tree.ts';
import { workMeter } from '../paths/work-count.ts';

// The `yaml` package (72 modules, about a quarter of a CLI run's start-up) is loaded on the first
// document the fast path (yaml-fast-path.ts) cannot read: listing BentoML-written models never needs
// it (issue 13; tests/integration/cli-startup-modules.test.ts). Synchronous, like its callers.
let yamlLib: typeof YamlLib | undefined;
const yaml = (): typeof YamlLib => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof YamlLib);

const MAX_DEPTH = 200;
const NULL_NODE: RNode = { t: 'scalar', kind: 'null', value: null };
/** Nodes visited: tests count them to prove the reader linear in the document (work-count.ts). */
const nodeWork = workMeter('yaml-node');

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

/**
 * Values one document may produce through aliases. PyYAML shares aliased objects, a tree copies
 * them: "billion laughs" (10 aliases of 10 aliases of ...) is a few hundred bytes for 10^8 values.
 * The `yaml` package's own guard (toJS `maxAliasCount`) only works inside its toJS, which this
 * reader does not use (it needs PyYAML's typing), and its default of 100 would refuse files
 * PyYAML reads; this counts the values actually built instead.
 */
export const MAX_ALIAS_VALUES = 100_000;

/** Thrown when aliases expand beyond MAX_ALIAS_VALUES. */
export class YamlExpansionLimit extends Error {}

interface Walk {
  /** Each alias node's anchor (the last one before it, as Alias.resolve finds it). */
  readonly targets: ReadonlyMap<Alias, Node>;
  /** Values built so far inside alias expansions. */
  expanded: number;
}

// Alias.resolve(doc) walks the whole document on every call: quadratic for many aliases.
// One walk in document order (keys before values, parents before children) finds them all.
function aliasTargets(doc: Document): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  yaml().visit(doc, {
    Node: (_key, node) => {
      nodeWork.step();
      if (yaml().isAlias(node)) {
        const target = anchors.get(node.source);
        if (target !== undefined) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function convert(node: unknown, walk: Walk, depth: number, viaAlias: boolean): RNode {
  nodeWork.step();
  if (depth > MAX_DEPTH) throw new Error('it nests too deeply (or holds a recursive alias)');
  if (viaAlias && ++walk.expanded > MAX_ALIAS_VALUES) {
    throw new YamlExpansionLimit(`the document expands to more than ${MAX_ALIAS_VALUES.toLocaleString('en-US')} values through YAML aliases`);
  }
  if (node === null || node === undefined) return NULL_NODE;
  if (yaml().isAlias(node)) {
    const target = walk.targets.get(node);
    if (target === undefined) throw new Error(`found undefined alias '${node.source}'`);
    return convert(target, walk, depth + 1, true);
  }
  if (yaml().isScalar(node)) {
    // A plain `<<` anywhere but as a key is PyYAML's merge tag, which cannot be built as a value.
    if (node.type === 'PLAIN' && node.source === '<<' && !node.tag) throw new Error("could not determine a constructor for the tag 'tag:yaml.org,2002:merge'");
    return { t: 'scalar', kind: scalarKind(node), value: node.value };
  }
  if (yaml().isSeq(node)) return { t: 'seq', items: node.items.map((item) => convert(item, walk, depth + 1, viaAlias)) };
  if (yaml().isMap(node)) {
    const merged: (readonly [RNode, RNode])[] = [];
    const own: (readonly [RNode, RNode])[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      // PyYAML's merge key `<<` (flatten_mapping): merged entries first, so the map's own keys win;
      // from a list of maps, earlier maps win.
      if (yaml().isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
        const value = convert(pair.value, walk, depth + 1, viaAlias);
        const maps = value.t === 'seq' ? [...value.items].reverse() : [value];
        for (const m of maps) {
          if (m.t !== 'map') throw new Error('expected a mapping or list of mappings for merging');
          merged.push(...m.entries);
        }
        continue;
      }
      own.push([convert(keyNode, walk, depth + 1, viaAlias), convert(pair.value, walk, depth + 1, viaAlias)]);
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
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, {
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
  return convert(doc.contents, { targets: aliasTargets(doc), expanded: 0 }, 0, false);
}
