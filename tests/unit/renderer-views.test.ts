// Issue 12 views 13, 14, 16: the version table's sort and default columns, the compare rows, and
// the framework snippets, as pure functions.
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { deltaText, diffFiles, diffMetadata } from '../../src-renderer/state/compare/compare-versions.ts';
import { frameworkOf, serviceClass, snippetsFor } from '../../src-renderer/state/snippets/framework-snippets.ts';
import { columnChoices, defaultColumns, sortVersions } from '../../src-renderer/state/versions/version-table.ts';

function v(version: string, ms: number, size: number, labels: Record<string, string> = {}, metadata: ModelVersion['metadata'] = {}): ModelVersion {
  return { tag: `m:${version}`, name: 'm', version, status: 'ok', module: '', apiVersion: 'v1', labels, metadata, creationTime: new Date(ms).toISOString(), creationTimeMs: ms, size, latest: false, path: `/s/${version}` };
}

const versions = [
  v('c', 3000, 10, { stage: 'prod', owner: 'a' }, { acc: 0.9, note: 'x' }),
  v('b', 2000, 30, { stage: 'dev' }, { acc: 0.95, f1: 0.8 }),
  v('a', 1000, 20, {}, { acc: { $float: 'nan' } }),
];

describe('version table', () => {
  it('defaults to created, size, stage first, then metrics (text metadata is not a metric)', () => {
    expect(columnChoices(versions)).toEqual({ labels: ['stage', 'owner'], metrics: ['acc', 'f1'] });
    expect(defaultColumns(versions)).toEqual(['created', 'size', 'label:stage', 'label:owner', 'metric:acc', 'metric:f1']);
  });
  it('sorts by a column both ways, versions without the value last', () => {
    const order = (by: string, dir: 'asc' | 'desc') => sortVersions(versions, { by, dir }).map((x) => x.version);
    expect(order('created', 'desc')).toEqual(['c', 'b', 'a']);
    expect(order('created', 'asc')).toEqual(['a', 'b', 'c']);
    expect(order('size', 'desc')).toEqual(['b', 'a', 'c']);
    expect(order('metric:acc', 'desc')).toEqual(['b', 'c', 'a']);
    expect(order('metric:acc', 'asc')).toEqual(['c', 'b', 'a']);
    expect(order('label:stage', 'asc')).toEqual(['b', 'c', 'a']);
    expect(order('label:stage', 'desc')).toEqual(['c', 'b', 'a']);
  });
});

describe('compare', () => {
  it('marks changed metadata and gives numeric differences', () => {
    expect(diffMetadata({ acc: 0.95, n: 1, s: 'x' }, { acc: 0.965, n: 1, t: true })).toEqual([
      { key: 'acc', a: '0.95', b: '0.965', change: 'changed', delta: 0.965 - 0.95 },
      { key: 'n', a: '1', b: '1', change: 'same' },
      { key: 's', a: 'x', b: undefined, change: 'removed' },
      { key: 't', a: undefined, b: 'true', change: 'added' },
    ]);
    expect(deltaText(0.965 - 0.95)).toBe('+0.015');
    expect(deltaText(-1)).toBe('−1');
  });
  it('compares files by path and size, leaving model.yaml out', () => {
    const f = (name: string, size: number) => ({ name, kind: 'file' as const, size });
    const a = [f('model.yaml', 300), f('w.bin', 10), f('old', 1), { name: 'tok', kind: 'directory' as const, size: 0, children: [f('v.txt', 5)] }];
    const b = [f('model.yaml', 310), f('w.bin', 12), f('new', 1), { name: 'tok', kind: 'directory' as const, size: 0, children: [f('v.txt', 5)] }];
    expect(diffFiles(a, b).map((r) => `${r.path} ${r.change}`)).toEqual(['new added', 'old removed', 'w.bin changed', 'tok/v.txt same']);
  });
});

describe('framework snippets', () => {
  it('knows the framework from the module', () => {
    expect(frameworkOf('bentoml.sklearn')).toEqual({ name: 'sklearn', module: 'bentoml.sklearn' });
    expect(frameworkOf('_bentoml_impl.frameworks.xgboost')).toEqual({ name: 'xgboost', module: 'bentoml.xgboost' });
    expect(frameworkOf('')).toEqual({ name: '', module: '' });
    expect(frameworkOf('my.own.module')).toEqual({ name: '', module: '' });
    expect(serviceClass('iris_clf')).toBe('IrisClf');
    expect(serviceClass('3d-unet')).toBe('Model3dUnet');
  });
  it('gives the load line, a service and the CLI lines', () => {
    const [load, service, cli] = snippetsFor('iris_clf:abc', 'bentoml.pytorch');
    expect(load!.text).toBe('import bentoml\n\nmodel = bentoml.pytorch.load_model("iris_clf:abc")');
    expect(service!.text).toContain('class IrisClf:\n    bento_model = BentoModel("iris_clf:abc")');
    expect(cli!.text).toBe('bentoml models get iris_clf:abc\nbentoml models export iris_clf:abc ./iris_clf-abc.bentomodel\nbentoml models delete iris_clf:abc');
  });
});
