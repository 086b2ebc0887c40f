// What a search found (issue 12 view 18): the part of a model's name, marked also when the name is
// shortened in the middle, and the version a model was found by (first in the table's order).
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { makeGroup } from '../../src-renderer/state/model-groups.ts';
import { markedRuns, matchingVersion, nameHit } from '../../src-renderer/state/search-match.ts';

const v = (version: string, ms: number, labels: Record<string, string> = {}) =>
  ({ name: 'iris_clf', version, tag: `iris_clf:${version}`, status: 'ok', labels, metadata: {}, size: 1, creationTimeMs: ms, creationTime: new Date(ms).toISOString(), latest: false }) as unknown as ModelVersion;

// Newest first, as the snapshot lists them.
const group = makeGroup('iris_clf', [v('c3newest', 3000, { stage: 'dev' }), v('b2middle', 2000, { stage: 'prod' }), v('a1oldest', 1000, { stage: 'prod', owner: 'me' })]);
const runs = (r: { text: string; mark: boolean }[]) => r.map((x) => (x.mark ? `[${x.text}]` : x.text)).join('');

describe('search match', () => {
  it('finds the query in the name, case-insensitively; name:version marks the whole name', () => {
    expect(nameHit(group, 'CLF')).toEqual([5, 8]);
    expect(nameHit(group, '  ris ')).toEqual([1, 4]);
    expect(nameHit(group, 'iris_clf:b2')).toEqual([0, 8]);
    expect(nameHit(group, 'bert:b2')).toBeNull();
    expect(nameHit(group, 'stage=prod')).toBeNull();
    expect(nameHit(group, '')).toBeNull();
  });

  it('finds the version a model matched by: a prefix or a label, first in the table order; none when the name matched', () => {
    expect(matchingVersion(group, 'a1')?.version).toBe('a1oldest');
    expect(matchingVersion(group, 'stage=prod')?.version).toBe('b2middle');
    expect(matchingVersion(group, 'OWNER=me')?.version).toBe('a1oldest');
    expect(matchingVersion(group, 'iris_clf:b2')?.version).toBe('b2middle');
    expect(matchingVersion(group, 'iris_clf:latest')).toBeNull();
    expect(matchingVersion(group, 'iris')).toBeNull();
    expect(matchingVersion(group, 'nothing')).toBeNull();
    expect(matchingVersion(undefined, 'a1')).toBeNull();
  });

  it('keeps the marked part marked in what stays visible of a name shortened in the middle', () => {
    const text = 'sentiment_analysis_finetuned';
    expect(runs(markedRuns(text, text, [10, 18]))).toBe('sentiment_[analysis]_finetuned');
    // The hit in the tail, the head and across the cut (the ellipsis stands for its hidden part).
    expect(runs(markedRuns(text, 'sentim…finetuned', [19, 28]))).toBe('sentim…[finetuned]');
    expect(runs(markedRuns(text, 'sentim…finetuned', [0, 4]))).toBe('[sent]im…finetuned');
    expect(runs(markedRuns(text, 'sentim…finetuned', [4, 22]))).toBe('sent[im…fin]etuned');
    expect(runs(markedRuns(text, 'sentim…finetuned', [10, 18]))).toBe('sentim[…]finetuned');
  });
});
