import { describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { parseModelYaml } from '../../src-main/store/model-yaml.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/model-yaml.ts';

// "Billion laughs": each level repeats the previous one ten times through aliases, so a few
// hundred bytes stand for 10^8 values. PyYAML builds shared objects; a tree builder must stop.

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

describe('YAML aliases', () => {
  it('an 8-level billion-laughs model.yaml is refused as broken, at once', () => {
    const text = laughs(8);
    expect(text.length).toBeLessThan(1500);
    const err = failure(text);
    expect(err.code).toBe('BROKEN_MODEL');
    expect(err.message).toBe('model.yaml expands to more than 100,000 values through YAML aliases; it was not loaded.');
  });

  it('ordinary aliases (what PyYAML writes for a shared object) still load', () => {
    const info = parseModelYaml(laughs(3));
    const l2 = info.metadata['l2'] as unknown[][];
    expect(l2).toHaveLength(10);
    expect(l2[9]).toHaveLength(10);
    expect((l2[9] as unknown[])[0]).toEqual(Array.from({ length: 10 }, () => 'lol'));
  });

  it('many distinct aliases in one file load without quadratic look-ups', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `  a${i}: &a${i} v${i}\n  b${i}: *a${i}`).join('\n');
    const info = parseModelYaml(BASE.replace('metadata: {}\n', `metadata:\n${items}\n`));
    expect(info.metadata['b19999']).toBe('v19999');
  });
});
