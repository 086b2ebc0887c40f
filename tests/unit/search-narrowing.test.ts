// Issue 13, window search on 10,000 versions: a query that extends the one before it tests only
// the models that one matched, Backspace back to an answered query tests none, and a keystroke that
// keeps the same models gives the same list object (the rows, the virtualizer and the counts above
// the list see no change). Counted, never timed; the answers are checked against the plain filter.
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { filterGroups, groupVersions, sortGroups, type ModelGroup } from '../../src-renderer/state/model-groups.ts';
import { narrowingSearch, searchWork } from '../../src-renderer/state/search-narrowing.ts';

function version(name: string, id: string, labels: Record<string, string>, i: number): ModelVersion {
  return {
    tag: `${name}:${id}`,
    name,
    version: id,
    status: 'ok',
    module: 'bentoml.sklearn',
    apiVersion: 'v1',
    labels,
    metadata: {},
    creationTime: '2026-01-01T00:00:00.000000+00:00',
    creationTimeMs: Date.UTC(2026, 0, 1) + i,
    size: 1024 * (i % 7),
    latest: false,
    path: `/store/models/${name}/${id}`,
  };
}

/** 1,000 models of 3 versions each, as the renderer bench's store: model_0000 .. model_0999. */
function store(): readonly ModelGroup[] {
  const versions: ModelVersion[] = [];
  for (let m = 0; m < 1000; m += 1) {
    const name = `model_${String(m).padStart(4, '0')}`;
    for (let v = 0; v < 3; v += 1) versions.push(version(name, `v${m % 13}x${v}`, { stage: m % 3 ? 'dev' : 'prod', team: `t${m % 17}` }, m * 3 + v));
  }
  return sortGroups(groupVersions(versions), 'newest');
}

/** The keystrokes of typing `text` into the box and deleting it again: every value the box holds. */
const typedAndDeleted = (text: string): string[] => [...Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)), ...Array.from({ length: text.length }, (_, i) => text.slice(0, text.length - 1 - i))];

const names = (gs: readonly ModelGroup[]): string[] => gs.map((g) => g.name);

describe('search narrowing (issue 13)', () => {
  it('answers every keystroke as the plain filter does, in the list order', () => {
    const groups = store();
    const search = narrowingSearch();
    // Name parts, version prefixes, label text, name:version (a `latest` that a shorter version
    // part does not imply), a colon at the start, spaces and upper case.
    for (const text of ['model_0123', 'v1x', 'stage=pro', 'team=t1', 'model_0042:v', 'model_0042:latest', 'MODEL_0', ' mod el', ':v', 'model_0013:v0x2', 'zzz']) {
      for (const q of typedAndDeleted(text)) expect(names(search(groups, q)), q).toEqual(names(filterGroups(groups, q, [])));
    }
  });

  it('a longer query tests only what the shorter one matched; Backspace tests nothing', () => {
    const groups = store();
    const search = narrowingSearch();
    const tested: number[] = [];
    const shown: number[] = [];
    for (const q of typedAndDeleted('model_0123')) {
      const before = searchWork.tested;
      shown.push(search(groups, q).length);
      tested.push(searchWork.tested - before);
    }
    // Typing: the first key tests all 1,000 models, each later key only the models left by the one before.
    expect(tested[0]).toBe(1000);
    for (let i = 1; i < 10; i += 1) expect(tested[i], `key ${i + 1}`).toBe(shown[i - 1]);
    expect(shown.slice(0, 10)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 100, 10, 1]);
    // Deleting: every query was answered on the way in.
    expect(tested.slice(10)).toEqual(Array(10).fill(0));
    // 1,000 x 8 + 100 + 10 in all, where filtering every model on every key would test 20,000.
    expect(tested.reduce((a, b) => a + b, 0)).toBe(8110);
  });

  it('keeps the same list object while a keystroke leaves the same models, and starts afresh on a new list', () => {
    const groups = store();
    const search = narrowingSearch();
    expect(search(groups, '')).toBe(groups);
    const m = search(groups, 'm');
    expect(m).toBe(groups);
    expect(search(groups, 'model_')).toBe(groups);
    const narrowed = search(groups, 'model_01');
    expect(narrowed).toHaveLength(100);
    expect(search(groups, 'model_01 ')).toBe(narrowed);
    expect(search(groups, 'model_')).toBe(groups);

    // A store push or another sort order is a new list: its own answers, every model tested again.
    const resorted = sortGroups(groups, 'name');
    const before = searchWork.tested;
    expect(names(search(resorted, 'model_01'))).toEqual(names(filterGroups(resorted, 'model_01', [])));
    expect(searchWork.tested - before).toBe(1000);
  });
});
