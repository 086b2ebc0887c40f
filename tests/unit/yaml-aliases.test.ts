import { Alias } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { countWork } from '../../src-main/store/paths/work-count.ts';
import { MAX_ALIAS_VALUES } from '../../src-main/store/yaml/yaml-read.ts';

// "Billion laughs": each level repeats the previous one ten times through aliases, so a few
// hundred bytes stand for 10^8 values. PyYAML builds shared objects; a tree builder must stop.
// Costs are proven by counting the YAML nodes the reader visits (work-count.ts), never by
// timing: a busy machine is slow at random, a count is the same everywhere.

const BASE = serializeModelYaml(newModelInfo({ name: 'laughs', version: 'v1' }));

function laughs(levels: number): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  // metadata: the one free-form map of model.yaml
  return BASE.replace('metadata: {}\n', `metadata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

function failure(text: string): { code: string; message: string } {
  try {
    parseModelYaml(text);
  } catch (error) {
    expect(isShelfError(error)).toBe(true);
    return error as { code: string; message: string };
  }
  throw new Error('parseModelYaml accepted the document');
}

/** `n` anchors, each aliased once: what a long, honest metadata map with shared values looks like. */
function distinctAliases(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `  a${i}: &a${i} v${i}\n  b${i}: *a${i}`).join('\n');
  return BASE.replace('metadata: {}\n', `metadata:\n${items}\n`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('YAML aliases', () => {
  it('an 8-level billion-laughs model.yaml is refused as broken', () => {
    const text = laughs(8);
    expect(text.length).toBeLessThan(1500);
    const err = failure(text);
    expect(err.code).toBe('BROKEN_MODEL');
    expect(err.message).toBe('model.yaml expands to more than 100,000 values through YAML aliases; it was not loaded.');
  });

  it('refusing a billion laughs costs the alias limit, not the 10^8 or 10^9 values it stands for', async () => {
    const eight = await countWork('yaml-node', () => parseModelYaml(laughs(8)));
    const nine = await countWork('yaml-node', () => parseModelYaml(laughs(9)));
    for (const run of [eight, nine]) {
      expect((run.error as Error).message).toMatch(/expands to more than 100,000 values/);
      // The values built before the limit, plus the few dozen nodes of the document itself.
      expect(run.steps).toBeGreaterThan(MAX_ALIAS_VALUES);
      expect(run.steps).toBeLessThan(MAX_ALIAS_VALUES + 1_000);
    }
    // Ten times the expansion, one more line of document: a handful more nodes, no more.
    expect(nine.steps - eight.steps).toBeLessThan(50);
  });

  it('ordinary aliases (what PyYAML writes for a shared object) still load', () => {
    const info = parseModelYaml(laughs(3));
    const l2 = info.metadata['l2'] as unknown[][];
    expect(l2).toHaveLength(10);
    expect(l2[9]).toHaveLength(10);
    expect((l2[9] as unknown[])[0]).toEqual(Array.from({ length: 10 }, () => 'lol'));
  });

  it('many distinct aliases load with work linear in the document (no look-up walks the whole file)', async () => {
    // yaml's own Alias.resolve(doc) walks the whole document for every alias (quadratic, and
    // not counted here): any use of it fails this test at the first alias.
    const resolve = vi.spyOn(Alias.prototype, 'resolve').mockImplementation(() => {
      throw new Error('Alias.resolve(doc) walks the whole document for each alias');
    });
    const runs = [];
    for (const n of [2_000, 4_000, 8_000]) runs.push({ n, ...(await countWork('yaml-node', () => parseModelYaml(distinctAliases(n)))) });
    for (const run of runs) {
      expect(run.error).toBeUndefined();
      expect(run.result?.metadata[`b${run.n - 1}`]).toBe(`v${run.n - 1}`);
      // Each `aK: &aK vK` / `bK: *aK` pair is a handful of nodes, walked a bounded number of times.
      expect(run.steps).toBeLessThan(12 * run.n);
    }
    const [small, medium, large] = runs.map((run) => run.steps);
    expect(medium).toBeLessThanOrEqual(2.2 * small!);
    expect(large).toBeLessThanOrEqual(2.2 * medium!);
    expect(resolve).not.toHaveBeenCalled();
  });
});
