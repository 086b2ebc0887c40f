import { describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { assertLabels, assertMetadata, labelProblems, MAX_METADATA_DEPTH, metadataProblems } from '../../src-main/shared/value-rules.ts';

function codeAndPath(fn: () => unknown): { code: string; path: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    if (isShelfError(error)) return { code: error.code, path: error.details?.path, message: error.message };
    throw error;
  }
  throw new Error('expected a ShelfError');
}

describe('labels', () => {
  it('accepts string values, including YAML-looking ones', () => {
    expect(labelProblems({ stage: 'yes', n: '1e3', empty: '' })).toEqual([]);
  });
  it('refuses non-string values, naming the key', () => {
    const problems = labelProblems({ ok: 'x', n: 1, flag: true, none: null });
    expect(problems.map((p) => p.path)).toEqual(['n', 'flag', 'none']);
    expect(problems[0]?.message).toContain("'n'");
    expect(codeAndPath(() => assertLabels({ owner: ['a'] }))).toMatchObject({ code: 'INVALID_LABELS', path: 'owner' });
  });
  it('refuses something that is not a map', () => {
    expect(labelProblems(null)).toHaveLength(1);
    expect(labelProblems(['a'])).toHaveLength(1);
    expect(codeAndPath(() => assertLabels('x')).code).toBe('INVALID_LABELS');
  });
});

describe('metadata', () => {
  it('accepts nested maps and lists of strings, finite numbers, booleans, bigints and dates', () => {
    const ok = { a: 'x', n: 1.5, big: 2n ** 70n, t: false, d: { $date: '2025-03-15' }, ts: { $date: '2025-03-15 07:58:12Z' }, b: { $binary: 'aGk=' }, params: { layers: [1, [2, 'x']], empty: {} } };
    expect(metadataProblems(ok)).toEqual([]);
    expect(assertMetadata(ok)).toBe(ok);
  });
  it('names the path of a null anywhere (§5.2)', () => {
    expect(codeAndPath(() => assertMetadata({ params: { layers: [1, 2, null] } }))).toMatchObject({ code: 'INVALID_METADATA', path: 'params.layers[2]' });
    expect(metadataProblems({ a: { b: undefined } }).map((p) => p.path)).toEqual(['a.b']);
  });
  it('refuses NaN, Infinity, functions, Dates and class instances', () => {
    const problems = metadataProblems({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, f: () => 1, when: new Date(0), m: new Map(), s: Symbol('x') });
    expect(problems.map((p) => p.path)).toEqual(['nan', 'inf', 'f', 'when', 'm', 's']);
  });
  it('refuses impossible dates', () => {
    expect(metadataProblems({ d: { $date: '2025-02-30' } }).map((p) => p.path)).toEqual(['d']);
    expect(metadataProblems({ d: { $date: 'soon' } }).map((p) => p.path)).toEqual(['d']);
  });
  it('accepts { $float } holding a float and refuses any other text', () => {
    expect(metadataProblems({ a: { $float: '1000.0' }, b: [{ $float: '-0.0' }, { $float: 'inf' }, { $float: 'nan' }] })).toEqual([]);
    expect(metadataProblems({ a: { $float: 'lots' }, b: { $float: 1 } }).map((p) => p.path)).toEqual(['a', 'b']);
  });
  it('refuses lists and maps nested deeper than BentoML reads reliably, naming the path', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : [nest(depth - 1)]);
    expect(metadataProblems({ ok: nest(MAX_METADATA_DEPTH) })).toEqual([]);
    const deep = metadataProblems({ deep: nest(MAX_METADATA_DEPTH + 1) });
    expect(deep.map((p) => p.path)).toEqual([`deep${'[0]'.repeat(MAX_METADATA_DEPTH)}`]);
    expect(deep[0]?.message).toContain(`more than ${MAX_METADATA_DEPTH} lists or maps deep`);
  });
  it('refuses integers longer than the 4,300 digits Python reads', () => {
    expect(metadataProblems({ ok: -(10n ** 4299n) })).toEqual([]);
    expect(metadataProblems({ long: 10n ** 4300n })[0]?.message).toBe(
      "Metadata 'long' is an integer of 4,301 digits; Python reads at most 4,300, so BentoML could not load the model. Store it as text.",
    );
  });
  it('refuses a non-map root', () => {
    expect(metadataProblems(null)).toHaveLength(1);
    expect(metadataProblems([1])).toHaveLength(1);
  });
});
