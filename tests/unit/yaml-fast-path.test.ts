import { describe, expect, it } from 'vitest';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { fastReadYamlTree } from '../../src-main/store/yaml/yaml-fast-path.ts';
import { readYamlTree } from '../../src-main/store/yaml/yaml-read.ts';
import type { RNode } from '../../src-main/store/yaml/yaml-tree.ts';

// The fast path must give exactly what the full reader gives, or step aside (undefined).

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['name', 'yes', '1', '017', '2025-01-01', 'a.b', 'a-b', '__proto__', "'quoted key'", "'it''s'", 'x/y', '~', 'null', 'True', '<<'];
const SCALARS = [
  'plain', 'two words', 'yes', 'No', 'y', '1e3', '1.0e+5', '0o17', '08', '017', '1_000', '1:20', '1:20.5', '0x1F', '0b11', '~', 'null',
  '.5', '-.5', '.inf', '-.Inf', '.NaN', '2025-03-15', '2025-3-15', '100000000000000000000', '-0', '+1', "''", "'yes'", "'a ''b'' c'",
  "'unterminated", '{}', '[]', '"double"', 'a: b', 'a #b', 'x:y', 'http://x.org/a', '-1', '- x', '=', 'a,b;c=(d)', "it's", 'trailing ',
  '  lead', '{a: 1}', '[1, 2]', '!!str 1', '&a x', '*a', '|', '>', '@x', '`x', '%x', 'ünï', '1.',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function block(rand: () => number, indent: number, depth: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  const n = 1 + Math.floor(rand() * 4);
  const asSeq = depth > 0 && rand() < 0.3;
  for (let i = 0; i < n; i++) {
    const lead = asSeq ? `${pad}- ` : `${pad}${pick(rand, KEYS)}:`;
    const r = rand();
    if (depth < 3 && r < 0.25) {
      out.push(asSeq ? `${pad}-` : lead);
      block(rand, indent + 2, depth + 1, out);
    } else if (!asSeq && depth < 3 && r < 0.35) {
      out.push(lead);
      // An indentless sequence under a key, like PyYAML writes.
      const m = 1 + Math.floor(rand() * 3);
      for (let j = 0; j < m; j++) out.push(`${pad}- ${pick(rand, SCALARS)}`);
    } else if (asSeq && depth < 3 && r < 0.35) {
      out.push(`${pad}- ${pick(rand, KEYS)}: ${pick(rand, SCALARS)}`);
      out.push(`${pad}  ${pick(rand, KEYS)}: ${pick(rand, SCALARS)}`);
    } else {
      out.push(asSeq ? `${lead}${pick(rand, SCALARS)}` : `${lead} ${pick(rand, SCALARS)}`);
    }
    if (rand() < 0.03) out.push(`${pad}  continuation`);
    if (rand() < 0.02) out.push(`${' '.repeat(Math.max(0, indent - 1))}odd: indent`);
  }
}

function slow(text: string): RNode | null | 'error' {
  try {
    return readYamlTree(text);
  } catch {
    return 'error';
  }
}

describe('yaml fast path', () => {
  it('agrees with the full reader on 3000 generated documents', () => {
    const rand = mulberry32(20251124);
    let fastUsed = 0;
    for (let i = 0; i < 3000; i++) {
      const lines: string[] = [];
      block(rand, 0, 0, lines);
      const text = `${lines.join('\n')}\n`;
      const fast = fastReadYamlTree(text);
      if (fast === undefined) continue;
      fastUsed++;
      expect({ text, tree: fast }).toEqual({ text, tree: slow(text) });
    }
    // Make sure the comparison exercised the fast path a fair amount.
    expect(fastUsed).toBeGreaterThan(300);
  });

  it('handles the plain files BentoML and Model Shelf write', () => {
    const ours = serializeModelYaml(newModelInfo({ name: 'iris_clf', version: 'v1', labels: { stage: 'yes', owner: "o'neil" }, metadata: { a: [1, [2, { b: 'c' }]], d: { $date: '2025-03-15' } } }));
    const bentoml = "name: iris_clf\nversion: mmm3taaaxovfypbc\nmodule: ''\nlabels: {}\noptions: {}\nmetadata: {}\ncontext:\n  framework_name: ''\n  framework_versions: {}\n  bentoml_version: 1.4.38\n  python_version: 3.11.7\nsignatures: {}\napi_version: v1\ncreation_time: '2025-03-14T10:02:07+00:00'\n";
    for (const text of [ours, bentoml]) {
      const fast = fastReadYamlTree(text);
      expect(fast).toBeDefined();
      expect(fast).toEqual(readYamlTree(text));
    }
  });

  it('steps aside for what it does not cover', () => {
    for (const text of ['a: "x"\n', 'a: 1 # c\n', 'a: b\r\n', '---\na: 1\n', 'a:\n  b\n  c\n', 'a: Zoë\n', 'a: &x 1\nb: *x\n', '', ' a: 1\n', `${'k'.repeat(1100)}: 1\n`]) {
      expect(fastReadYamlTree(text)).toBeUndefined();
    }
  });
});
