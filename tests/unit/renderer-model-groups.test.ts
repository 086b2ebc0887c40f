import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { chipText, filterGroups, groupVersions, matchesQuery, parseLabelFilter, sortGroups } from '../../src-renderer/state/model-groups.ts';

function v(name: string, version: string, ms: number, size: number, labels: Record<string, string> = {}, extra: Partial<ModelVersion> = {}): ModelVersion {
  return {
    tag: `${name}:${version}`, name, version, status: 'ok', module: '', apiVersion: 'v1', labels, metadata: {},
    creationTime: new Date(ms).toISOString(), creationTimeMs: ms, size, latest: false, path: `/s/models/${name}/${version}`, ...extra,
  };
}

// Snapshot order is creation_time descending, like `bentoml models list`.
const versions = [
  v('iris_clf', 'o5g63lqaw2vfypbc', 5_000, 100, { owner: 'ml-team', stage: 'prod' }, { latest: true }),
  v('bert_ner', 'aaaa1111bbbb2222', 4_000, 5_000, { owner: 'nlp', stage: 'dev' }, { latest: true }),
  v('iris_clf', 'mmm3taaaxovfypbc', 3_000, 50, { owner: 'ml-team', stage: 'dev' }),
  v('sentiment', 'zzzz9999yyyy8888', 2_000, 10, {}, { status: 'broken', problem: 'bad yaml' }),
  v('iris_clf', 'p3qjnmqboovfypbc', 1_000, 0, {}, { status: 'incomplete' }),
];

describe('model groups', () => {
  it('groups versions by name with count, total size, newest time, latest and label chips', () => {
    const groups = groupVersions(versions);
    expect(groups.map((g) => g.name)).toEqual(['iris_clf', 'bert_ner', 'sentiment']);
    const iris = groups[0]!;
    expect(iris.versions).toHaveLength(3);
    expect(iris.totalSize).toBe(150);
    expect(iris.newestMs).toBe(5_000);
    expect(iris.latest?.version).toBe('o5g63lqaw2vfypbc');
    // What is true of the model: every labelled version says owner=ml-team; stages differ (issue 12 defect 6).
    expect(iris.labelChips.map(chipText)).toEqual(['owner=ml-team', 'stage: prod, dev']);
    expect(iris.incomplete).toBe(1);
    expect(groups[2]!.broken).toBe(1);
  });

  it('searches by name substring, version prefix, label text and name:version', () => {
    const groups = groupVersions(versions);
    const names = (q: string) => filterGroups(groups, q, []).map((g) => g.name);
    expect(names('IRIS')).toEqual(['iris_clf']);
    expect(names('mmm3')).toEqual(['iris_clf']);
    expect(names('fypbc')).toEqual([]); // a version matches by prefix only
    expect(names('owner=nlp')).toEqual(['bert_ner']);
    expect(names('stage=')).toEqual(['iris_clf', 'bert_ner']);
    expect(names('iris_clf:p3q')).toEqual(['iris_clf']);
    expect(names('iris_clf:zzz')).toEqual([]);
    expect(names('')).toEqual(['iris_clf', 'bert_ner', 'sentiment']);
    expect(matchesQuery(groups[1]!, '  bert ')).toBe(true);
  });

  it('label filters are ANDed and narrow each group to the matching versions', () => {
    const groups = groupVersions(versions);
    const prod = filterGroups(groups, '', [{ key: 'owner', value: 'ml-team' }, { key: 'stage', value: 'prod' }]);
    expect(prod.map((g) => g.name)).toEqual(['iris_clf']);
    expect(prod[0]!.versions.map((x) => x.version)).toEqual(['o5g63lqaw2vfypbc']);
    expect(prod[0]!.totalSize).toBe(100);
    expect(filterGroups(groups, '', [{ key: 'owner', value: 'ml-team' }])[0]!.versions).toHaveLength(2);
    expect(filterGroups(groups, '', [{ key: 'owner', value: 'nobody' }])).toEqual([]);
  });

  it('sorts by name, newest and size', () => {
    const groups = groupVersions(versions);
    expect(sortGroups(groups, 'name').map((g) => g.name)).toEqual(['bert_ner', 'iris_clf', 'sentiment']);
    expect(sortGroups(groups, 'newest').map((g) => g.name)).toEqual(['iris_clf', 'bert_ner', 'sentiment']);
    expect(sortGroups(groups, 'size').map((g) => g.name)).toEqual(['bert_ner', 'iris_clf', 'sentiment']);
  });

  it('parses key=value filter text', () => {
    expect(parseLabelFilter('stage=prod')).toEqual({ key: 'stage', value: 'prod' });
    expect(parseLabelFilter(' owner = ml-team ')).toEqual({ key: 'owner', value: 'ml-team' });
    expect(parseLabelFilter('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
    expect(parseLabelFilter('=x')).toBeNull();
    expect(parseLabelFilter('stage')).toBeNull();
  });

  it('handles 10,000 versions: grouping once, then cheap searches', () => {
    const many: ModelVersion[] = [];
    for (let i = 0; i < 10_000; i++) many.push(v(`model_${i % 500}`, `v${String(i).padStart(6, '0')}`, 10_000_000 - i, i, { shard: String(i % 7) }));
    const groups = groupVersions(many);
    expect(groups).toHaveLength(500);
    expect(groups.reduce((n, g) => n + g.versions.length, 0)).toBe(10_000);
    expect(filterGroups(groups, 'v009999', []).map((g) => g.name)).toEqual(['model_499']);
    expect(filterGroups(groups, 'model_49', []).length).toBe(11);
  });
});
