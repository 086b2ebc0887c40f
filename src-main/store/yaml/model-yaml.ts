import { ShelfError } from '../../shared/errors.ts';
import type { Metadata } from '../../shared/model-types.ts';
import { tagComponentProblems } from '../../shared/tag-rules.ts';
import { wrapperKind } from '../../shared/value-rules.ts';
import { parseCreationTime } from './creation-time.ts';
import { fastReadYamlTree } from './yaml-fast-path.ts';
import { readModelInfoDirect } from './model-yaml-direct.ts';
import { MAX_ALIAS_VALUES, readYamlTree, YamlExpansionLimit, YamlProblem } from './yaml-read.ts';
import { pyStr, toJs, type KeyIssue, type RNode } from './yaml-tree.ts';

export { serializeModelYaml } from './model-yaml-write.ts';
export { newModelInfo, shelfModelContext, type ModelContext, type ModelInfo, type NewModelInput } from './model-info.ts';
import type { ModelContext, ModelInfo } from './model-info.ts';

const KNOWN = new Set(['name', 'version', 'module', 'labels', 'options', 'metadata', 'context', 'signatures', 'api_version', 'creation_time', 'bentoml_version']);

function broken(reason: string): ShelfError {
  return new ShelfError('BROKEN_MODEL', reason);
}

function entriesOf(node: RNode): Map<string, RNode> {
  const out = new Map<string, RNode>();
  if (node.t === 'map') for (const [k, v] of node.entries) out.set(pyStr(k), v); // dict: last wins
  return out;
}

function required(fields: Map<string, RNode>, key: string, where = ''): RNode {
  const node = fields.get(key);
  if (!node) throw broken(`model.yaml has no '${where}${key}' key, which BentoML requires.`);
  return node;
}

function tagPart(fields: Map<string, RNode>, key: 'name' | 'version'): string {
  const node = required(fields, key);
  // Tag() calls .lower(): an unquoted number such as `version: 1234` fails with AttributeError (§3.5).
  if (node.t !== 'scalar' || node.kind !== 'str') throw broken(`model.yaml '${key}' is not a string (${pyStr(node)}); BentoML cannot load it.`);
  const value = String(node.value);
  const problems = tagComponentProblems(value);
  if (problems.length > 0) throw broken(`model.yaml ${key} '${value}' is not a valid BentoML tag: ${problems.join(', and ')}.`);
  return value.toLowerCase();
}

function mapping(node: RNode, key: string): RNode & { t: 'map' } {
  if (node.t !== 'map') throw broken(`model.yaml '${key}' must be a mapping, not ${pyStr(node)}.`);
  return node;
}

// cattrs structures dict[str, str] with str() on keys and values (labels: `true` -> 'True', §3.5).
function strMap(node: RNode, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of mapping(node, key).entries) Object.defineProperty(out, pyStr(k), { value: pyStr(v), enumerable: true, writable: true, configurable: true });
  return out;
}

function findNull(value: unknown, path: string): string | null {
  if (value === null) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNull(value[i], `${path}[${i}]`);
      if (hit !== null) return hit;
    }
  } else if (typeof value === 'object' && wrapperKind(value as Record<string, unknown>) === null) {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNull(v, path === '' ? k : `${path}.${k}`);
      if (hit !== null) return hit;
    }
  }
  return null;
}

function readMetadata(node: RNode): Metadata {
  const issues: KeyIssue[] = [];
  const value = toJs(mapping(node, 'metadata'), '', issues) as Metadata;
  // Metadata keys may be str, int or float (bool is an int in Python), nothing else (§5.2).
  const badKey = issues.find((i) => !['int', 'float', 'bool'].includes(i.kind));
  if (badKey) throw broken(`model.yaml metadata${badKey.path ? ` '${badKey.path}'` : ''} has a ${badKey.kind} key; BentoML requires metadata keys to be strings.`);
  const nullPath = findNull(value, '');
  if (nullPath !== null) throw broken(`model.yaml metadata '${nullPath}' is null; BentoML cannot load a model with null metadata.`);
  return value;
}

function readCreationTime(node: RNode): string {
  // A quoted ISO string goes through datetime.fromisoformat; an unquoted timestamp is already a datetime.
  if (node.t === 'scalar' && node.kind === 'timestamp') {
    const text = (node.value as { $date: string }).$date;
    if (/^\d{4}-\d\d-\d\d$/.test(text)) throw broken(`model.yaml creation_time ${text} is a date without a time; BentoML cannot load it.`);
    return text;
  }
  if (node.t === 'scalar' && node.kind === 'str' && parseCreationTime(String(node.value)) !== null) return String(node.value);
  throw broken(`model.yaml creation_time ${pyStr(node)} is not an ISO date and time; BentoML cannot load it.`);
}

function readContext(node: RNode): ModelContext {
  const fields = entriesOf(mapping(node, 'context'));
  const framework_name = pyStr(required(fields, 'framework_name', 'context.'));
  let framework_versions = strMap(required(fields, 'framework_versions', 'context.'), 'context.framework_versions');
  // Back-compat rewrite (model:653-660): pip_dependencies present -> framework_versions becomes {}.
  if (fields.has('pip_dependencies')) framework_versions = {};
  const bv = fields.get('bentoml_version');
  const pv = fields.get('python_version');
  // Missing keys stay missing: filling in a version here would put words in the file's mouth.
  return {
    framework_name,
    framework_versions,
    ...(bv ? { bentoml_version: pyStr(bv) } : {}),
    ...(pv ? { python_version: pyStr(pv) } : {}),
  };
}

function readSignatures(node: RNode | undefined): Record<string, unknown> {
  if (!node) return {}; // optional; a missing one becomes {} (§3.5)
  for (const [k, sig] of mapping(node, 'signatures').entries) {
    const fields = entriesOf(mapping(sig, `signatures.${pyStr(k)}`));
    const dim = fields.get('batch_dim');
    if (dim && (dim.t !== 'seq' || dim.items.length !== 2)) throw broken(`model.yaml signatures.${pyStr(k)}.batch_dim must be a list of two integers.`);
  }
  return toJs(node) as Record<string, unknown>;
}

/** The parser's words as the end of one sentence: first letter lowercased, one final period. */
function clause(text: string): string {
  const trimmed = text.trim().replace(/[\s:.]+$/, '');
  return `${/^[A-Z][a-z]/.test(trimmed) ? trimmed[0]?.toLowerCase() + trimmed.slice(1) : trimmed}.`;
}

function readTree(text: string): RNode | null {
  try {
    const fast = fastReadYamlTree(text);
    return fast === undefined ? readYamlTree(text) : fast;
  } catch (error) {
    if (error instanceof YamlExpansionLimit) throw broken(`model.yaml expands to more than ${MAX_ALIAS_VALUES.toLocaleString('en-US')} values through YAML aliases; it was not loaded.`);
    const where = error instanceof YamlProblem && error.line !== undefined ? ` at line ${error.line}, column ${error.column ?? 1}` : '';
    throw broken(`model.yaml is not valid YAML${where}: ${clause(error instanceof Error ? error.message : String(error))}`);
  }
}

/** Reads model.yaml with PyYAML's typing and BentoML's load rules (§3.5); BROKEN_MODEL otherwise. */
export function parseModelYaml(text: string): ModelInfo {
  // BentoML's own files are built in one pass; any other document goes through the node tree.
  return readModelInfoDirect(text) ?? parseModelYamlTree(text);
}

/** parseModelYaml through the node tree (yaml-fast-path.ts or the `yaml` package) for every document. */
export function parseModelYamlTree(text: string): ModelInfo {
  const root = readTree(text);
  if (root === null || root.t !== 'map') throw broken('malformed model.yaml: it is empty or not a mapping.');
  const fields = entriesOf(root);
  const name = tagPart(fields, 'name');
  const version = tagPart(fields, 'version');
  const module = pyStr(required(fields, 'module'));
  const labels = strMap(required(fields, 'labels'), 'labels');
  const options = toJs(mapping(required(fields, 'options'), 'options')) as Record<string, unknown>;
  const metadata = readMetadata(required(fields, 'metadata'));
  const context = readContext(required(fields, 'context'));
  const api_version = pyStr(required(fields, 'api_version'));
  const creation_time = readCreationTime(required(fields, 'creation_time'));
  const signatures = readSignatures(fields.get('signatures'));
  const extra: Record<string, unknown> = {};
  for (const [key, node] of fields) if (!KNOWN.has(key)) Object.defineProperty(extra, key, { value: toJs(node), enumerable: true, writable: true, configurable: true });
  return { name, version, module, labels, options, metadata, context, signatures, api_version, creation_time, extra };
}
