// The search keystroke's work, counted (issue 13, window search at 10,000 versions): the query is
// normalized once per keystroke, not once per model, and rows format times and counts with one
// shared Intl formatter instead of building one per call. Never timed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { absoluteTime, count } from '../../src-renderer/state/format.ts';
import { filterGroups, groupVersions } from '../../src-renderer/state/model-groups.ts';

function version(name: string, i: number): ModelVersion {
  return {
    tag: `${name}:v${i}`,
    name,
    version: `v${i}`,
    status: 'ok',
    module: 'bentoml.sklearn',
    apiVersion: 'v1',
    labels: { owner: 'ml-team', stage: i % 2 ? 'dev' : 'prod' },
    metadata: {},
    creationTime: '2026-01-01T00:00:00.000000+00:00',
    creationTimeMs: Date.UTC(2026, 0, 1) + i,
    size: 2048,
    latest: i === 0,
    path: `/store/models/${name}/v${i}`,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('search keystroke work (issue 13)', () => {
  it('lowercases and trims the query once per keystroke, not once per model', () => {
    const groups = groupVersions(Array.from({ length: 500 }, (_, i) => version(`Model_${String(i).padStart(4, '0')}`, i % 3)));
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    const trim = vi.spyOn(String.prototype, 'trim');
    for (const query of ['  MODEL_01', 'stage=dev', 'model_0001:v1', 'v1']) {
      lower.mockClear();
      trim.mockClear();
      const shown = filterGroups(groups, query, []);
      expect(shown.length).toBeGreaterThan(0);
      expect(lower).toHaveBeenCalledTimes(1);
      expect(trim).toHaveBeenCalledTimes(1);
    }
    // The same answers as before: name substring, label text, name:version, version prefix.
    expect(filterGroups(groups, '  MODEL_01', []).map((g) => g.name)).toEqual(groups.filter((g) => g.name.toLowerCase().includes('model_01')).map((g) => g.name));
    expect(filterGroups(groups, 'model_0001:v1', []).map((g) => g.name)).toEqual(['Model_0001']);
    expect(filterGroups(groups, 'model_0001:v2', [])).toEqual([]);
  });

  it('formats times and counts with shared formatters, as toLocaleString would', () => {
    const expected = [0, Date.UTC(2026, 11, 7, 13, 5, 9), Date.UTC(1999, 0, 1)].map((ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
    const perCall = vi.spyOn(Date.prototype, 'toLocaleString');
    const numberPerCall = vi.spyOn(Number.prototype, 'toLocaleString');
    expect([0, Date.UTC(2026, 11, 7, 13, 5, 9), Date.UTC(1999, 0, 1)].map(absoluteTime)).toEqual(expected);
    expect(absoluteTime(Number.NaN)).toBe('Unknown time');
    expect(count(1234567, 'version')).toBe('1,234,567 versions');
    expect(count(1, 'version')).toBe('1 version');
    expect(perCall).not.toHaveBeenCalled();
    expect(numberPerCall).not.toHaveBeenCalled();
  });
});
