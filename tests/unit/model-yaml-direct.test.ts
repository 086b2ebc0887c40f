import { describe, expect, it } from 'vitest';
import { bentomlStyleYaml } from '../../bench/gen-store.ts';
import { readModelInfoDirect } from '../../src-main/store/yaml/model-yaml-direct.ts';
import { newModelInfo, parseModelYaml, parseModelYamlTree, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';

// The direct reader must give exactly what the node-tree reader gives (values, key order, -0,
// bigint, { $float }), or step aside (undefined) so that the tree reader decides, with its message.

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T,>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** Everything toEqual might blur: key order, -0, bigint against number, undefined keys. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : v === undefined ? '<undefined>' : v));
}

function outcome(read: (text: string) => unknown, text: string): string {
  try {
    return exact(read(text));
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The public reader (direct first) against the tree reader alone; true when the direct reader built it. */
function agree(text: string): boolean {
  expect({ text, got: outcome(parseModelYaml, text) }).toEqual({ text, got: outcome(parseModelYamlTree, text) });
  return readModelInfoDirect(text) !== undefined;
}

const EXAMPLE_A = bentomlStyleYaml('iris_clf', 'o5g63lqaw2vfypbc', '2025-03-14T09:26:53.413218+00:00', { owner: 'ml-team', stage: 'dev' });
const EXAMPLE_B = "name: iris_clf\nversion: mmm3taaaxovfypbc\nmodule: ''\nlabels: {}\noptions: {}\nmetadata: {}\ncontext:\n  framework_name: ''\n  framework_versions: {}\n  bentoml_version: 1.4.38\n  python_version: 3.11.7\nsignatures: {}\napi_version: v1\ncreation_time: '2025-03-14T10:02:07+00:00'\n";
const FRAMEWORK = [
  'name: clf',
  'version: abc123',
  'module: bentoml.picklable_model',
  'labels: {}',
  'options:',
  '  partial_kwargs: {}',
  'metadata: {}',
  'context:',
  '  framework_name: cloudpickle',
  '  framework_versions:',
  '    cloudpickle: 3.0.0',
  '  bentoml_version: 1.4.38',
  '  python_version: 3.11.7',
  'signatures:',
  '  __call__:',
  '    batchable: true',
  '    batch_dim:',
  '    - 0',
  '    - 0',
  '  predict:',
  '    batchable: false',
  'api_version: v1',
  "creation_time: '2025-03-14T10:02:07.000001+00:00'",
  '',
].join('\n');
const OURS = serializeModelYaml(newModelInfo({ name: 'iris_clf', version: 'v1', labels: { stage: 'yes', owner: "o'neil" }, metadata: { a: [1, [2, { b: 'c' }]], d: { $date: '2025-03-15' }, f: { $float: '1000.0' }, g: 0.5 } }));

describe('readModelInfoDirect', () => {
  it('builds the files BentoML and Model Shelf write, equal to the tree reader', () => {
    for (const text of [EXAMPLE_A, EXAMPLE_B, FRAMEWORK]) expect(agree(text)).toBe(true);
    // Model Shelf's own writer quotes every string: the parts in the subset are built directly too.
    agree(OURS);
  }, 120_000);

  // Each line of the BentoML file replaced by an awkward one: comments, anchors, quoted keys,
  // tags, dates, floats, int keys, unicode, CRLF, nulls, duplicates, wrong types.
  const AWKWARD: readonly string[] = [
    'metadata:\n  a: 1 # comment', '# comment\nmetadata: {}', 'metadata:\n  a: &x 1\n  b: *x', "metadata:\n  'quoted key': 1",
    "metadata:\n  'it''s': 'a ''b'''", 'metadata:\n  b: !!binary aGVsbG8=', 'metadata:\n  d: 2025-03-15', 'metadata:\n  d: 2025-03-15 10:00:00',
    'metadata:\n  e: 1e3', 'metadata:\n  e: 1.0e+3', 'metadata:\n  e: .inf', 'metadata:\n  e: -.Inf', 'metadata:\n  e: .NaN', 'metadata:\n  e: -0.0',
    'metadata:\n  e: 0.0', 'metadata:\n  e: 1000.0', 'metadata:\n  e: -0', 'metadata:\n  e: 017', 'metadata:\n  e: 0x1F', 'metadata:\n  e: 1_000',
    'metadata:\n  e: 1:20', 'metadata:\n  e: 100000000000000000000', 'metadata:\n  1: one', 'metadata:\n  1.5: x', 'metadata:\n  true: x',
    'metadata:\n  null: x', 'metadata:\n  2025-01-01: x', 'metadata:\n  a: Zoë', 'metadata:\n  a: "double"', 'metadata:\n  a: ~', 'metadata:\n  a:',
    'metadata:\n  a:\n  - 1\n  -\n  - 3', 'metadata:\n  a: [1, 2]', 'metadata:\n  a: {b: 1}', 'metadata:\n  a: yes', 'metadata:\n  a: =',
    'metadata:\n  __proto__: 1', 'metadata:\n  a: 1\n  a: 2', 'metadata:\n  a:\n    b: 1\n  c: x\n  a: 3', 'metadata: x', 'metadata:',
    'metadata:\n- 1', 'metadata:\n  a: b\n    c', 'metadata:\n  $float: x', "metadata:\n  '$float': '1.0'", "metadata:\n  x:\n    '$date': null",
    'labels:\n  a: 1', 'labels:\n  a: 1.50', 'labels:\n  a: yes', 'labels:\n  a: ~', 'labels:\n  a: -0.0', 'labels:\n  a: 99999999999999999999',
    'labels:\n  a: {}', 'labels:\n  a:\n    b: c', 'labels: x', 'labels:', 'labels:\n  1: x', "labels:\n  'k''q': v", 'labels:\n  __proto__: x',
    'labels:\n  a: b\n  a: c', 'labels: {}\nlabels:\n  z: y', 'name: 1234', 'name: Iris_CLF', 'name: bad name', "name: 'a'", 'name: a\nname: b',
    'version: 2025-01-01', 'version: yes', 'module: 12', 'module: ~', 'module:\n  a: b', 'module: -.inf', 'api_version: 1.0', 'api_version:',
    'creation_time: 2025-03-14 10:02:07+00:00', "creation_time: '2025-03-14'", "creation_time: 'yesterday'", "creation_time: '2025-03-14T10:02:07'",
    'creation_time: 12', 'options: x', 'options:\n  a: ~', 'options:\n  a: 1.0', 'context: {}', 'context:\n  framework_name: x',
    'context:\n  framework_name: 1.5\n  framework_versions:\n    a: 2.0\n    b: 3', 'context:\n  framework_name: x\n  framework_versions: {}\n  pip_dependencies:\n  - a',
    'context:\n  framework_name: x\n  framework_versions:\n    a: b\n  pip_dependencies: ~', 'context:\n  framework_name: [a]\n  framework_versions: {}',
    'context:\n  framework_name: x\n  framework_versions: {}\n  bentoml_version: ~\n  python_version: 3.10', 'context:\n  framework_name: x\n  framework_versions: x',
    'context:\n  framework_name: x\n  framework_versions: {}\n  other:\n    deep:\n    - 1', 'signatures: x', 'signatures:\n  f: x', 'signatures:\n  f: 1.5',
    'signatures:\n  f:\n    batch_dim: 0', 'signatures:\n  f:\n    batch_dim:\n    - 0', 'signatures:\n  f:\n    batch_dim: ~', 'signatures:\n  f:\n    batch_dim: [0, 0]',
    'signatures:\n  f:\n    batchable: true\n    batch_dim:\n    - 0\n    - 1\n    input_spec: 1.0', 'signatures: {}\nsignatures:\n  f: {}', 'signatures:',
    'extra_key: 1', 'extra_key:\n  a: 1.0', 'extra_key: 2025-01-01', 'bentoml_version: 1.4', '---', '...', 'a b: c', '  indented: x', '- item',
    'metadata:\n  a: \'unterminated', "metadata:\n  a: 'x' y", 'metadata:\n  a: x:y', 'metadata:\n  a: x: y', 'metadata:\n  a: -x', 'metadata:\n  a: - x',
    'metadata:\n  a: %x', `metadata:\n  ${'k'.repeat(1100)}: 1`, 'metadata:\n  a: \u00e9', 'metadata:\n  a: \ud83d\ude00', 'metadata:\n  a:  two spaces',
  ];

  it('agrees with the tree reader on awkward documents (it builds some, steps aside for the rest)', () => {
    const base = EXAMPLE_A.split('\n');
    let built = 0;
    let total = 0;
    for (const odd of AWKWARD) {
      // Appended at the end (later keys win), and in place of the line of the same key.
      const key = odd.split(':')[0] ?? '';
      const at = base.findIndex((l) => l.startsWith(`${key}:`));
      const variants = [`${EXAMPLE_A}${odd}\n`];
      if (at >= 0) {
        let end = at + 1;
        while (end < base.length && (base[end] ?? '').startsWith(' ')) end++;
        variants.push([...base.slice(0, at), odd, ...base.slice(end)].join('\n'));
      }
      for (const text of variants) {
        total++;
        if (agree(text)) built++;
        // The same with Windows line endings: never built directly, still the same result.
        expect(readModelInfoDirect(text.replace(/\n/g, '\r\n'))).toBeUndefined();
        agree(text.replace(/\n/g, '\r\n'));
      }
    }
    // Both branches were exercised.
    expect(built).toBeGreaterThan(30);
    expect(total - built).toBeGreaterThan(100);
  }, 120_000);

  const SCALARS = [
    'plain', 'two words', 'yes', 'No', '1e3', '1.0e+5', '08', '017', '1_000', '1:20', '0x1F', '~', 'null', '.5', '-.5', '.inf', '.NaN', '-0.0', '0.0',
    '2025-03-15', '100000000000000000000', '-0', '+1', "''", "'yes'", "'a ''b'' c'", '{}', '[]', 'x:y', 'http://x.org/a', '-1', 'a,b;c=(d)', "it's", '1.', '3',
    '0.9667', 'iris', 'True', '-', '=',
  ];
  const KEYS = ['a', 'b', 'yes', '1', 'a.b', 'x/y', "'q k'", '__proto__', 'batch_dim', 'batchable', 'null'];

  function block(rand: () => number, indent: number, depth: number, out: string[]): void {
    const pad = ' '.repeat(indent);
    const n = 1 + Math.floor(rand() * 3);
    const asSeq = depth > 0 && rand() < 0.3;
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (asSeq) {
        if (depth < 3 && r < 0.2) {
          out.push(`${pad}-`);
          block(rand, indent + 2, depth + 1, out);
        } else if (depth < 3 && r < 0.35) {
          out.push(`${pad}- ${pick(rand, KEYS)}: ${pick(rand, SCALARS)}`, `${pad}  ${pick(rand, KEYS)}: ${pick(rand, SCALARS)}`);
        } else out.push(`${pad}- ${pick(rand, SCALARS)}`);
      } else {
        const key = pick(rand, KEYS);
        if (depth < 3 && r < 0.25) {
          out.push(`${pad}${key}:`);
          block(rand, indent + 2, depth + 1, out);
        } else if (depth < 3 && r < 0.35) {
          out.push(`${pad}${key}:`);
          for (let j = 0; j < 1 + Math.floor(rand() * 3); j++) out.push(`${pad}- ${pick(rand, SCALARS)}`);
        } else out.push(`${pad}${key}: ${pick(rand, SCALARS)}`);
      }
    }
  }

  it('agrees with the tree reader on 3000 generated model.yaml files', () => {
    const rand = mulberry32(20261207);
    let built = 0;
    const fields = ['labels', 'options', 'metadata', 'signatures', 'extra', 'context', 'scalar'];
    for (let i = 0; i < 3000; i++) {
      const lines = EXAMPLE_A.trimEnd().split('\n');
      // One to three fields rewritten with a random block.
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
        const field = pick(rand, fields);
        const out: string[] = [];
        if (field === 'scalar') {
          out.push(`${pick(rand, ['name', 'version', 'module', 'api_version', 'creation_time'])}: ${pick(rand, SCALARS)}`);
        } else if (field === 'context') {
          out.push('context:', `  framework_name: ${pick(rand, SCALARS)}`, '  framework_versions:');
          block(rand, 4, 1, out);
          if (rand() < 0.5) out.push(`  python_version: ${pick(rand, SCALARS)}`);
        } else if (rand() < 0.2) {
          out.push(`${field}: ${pick(rand, SCALARS)}`);
        } else {
          out.push(`${field}:`);
          block(rand, 2, 1, out);
        }
        lines.push(...out);
      }
      if (agree(`${lines.join('\n')}\n`)) built++;
    }
    expect(built).toBeGreaterThan(200);
  }, 120_000);

  it('reads plain scalars and keys like the tree reader, character by character', () => {
    // Short strings over the characters that decide plain-scalar and key rules.
    const rand = mulberry32(7);
    const alphabet = "a1-:' .(~=,;+/_0#Ny";
    let built = 0;
    for (let i = 0; i < 1500; i++) {
      let s = '';
      for (let n = 1 + Math.floor(rand() * 6); n > 0; n--) s += alphabet[Math.floor(rand() * alphabet.length)];
      const asKey = rand() < 0.3;
      if (agree(`${EXAMPLE_A}extra:\n  ${asKey ? `${s}: v` : `k: ${s}`}\n`)) built++;
      if (agree(`${EXAMPLE_A}labels:\n  ${asKey ? `${s}: v` : `k: ${s}`}\n`)) built++;
    }
    expect(built).toBeGreaterThan(400);
  }, 120_000);
});
