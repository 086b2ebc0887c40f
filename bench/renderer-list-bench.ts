// The model list's derivations on a large store: group, search, label filter, sort.
// Prints figures, asserts nothing. Run: node bench/renderer-list-bench.ts  (BENCH_VERSIONS=10000)
import type { ModelVersion } from '../src-main/shared/model-types.ts';
import { filterGroups, groupVersions, sortGroups } from '../src-renderer/state/model-groups.ts';

const N = Number(process.env.BENCH_VERSIONS ?? 10_000);
const NAMES = Math.max(1, Math.round(N / 25));
const versions: ModelVersion[] = [];
for (let i = 0; i < N; i++) {
  const name = `model_${i % NAMES}`;
  const version = (i * 2654435761).toString(36).padStart(16, 'x').slice(-16);
  versions.push({
    tag: `${name}:${version}`, name, version, status: 'ok', module: 'bentoml.sklearn', apiVersion: 'v1',
    labels: { owner: `team${i % 5}`, stage: ['dev', 'prod', 'staging'][i % 3]! }, metadata: {},
    creationTime: '', creationTimeMs: 1_700_000_000_000 - i * 1000, size: i * 4096, latest: false, path: `/s/models/${name}/${version}`,
  });
}

function time(label: string, runs: number, fn: () => unknown): void {
  fn(); // warm up
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - t) / runs).toFixed(3)} ms`);
}

console.log(`${N} versions in ${NAMES} models`);
const groups = groupVersions(versions);
time('group versions by name (on every snapshot)', 20, () => groupVersions(versions));
time('search "model_12" (per keystroke)', 200, () => filterGroups(groups, 'model_12', []));
time('search by label text "stage=prod"', 200, () => filterGroups(groups, 'stage=prod', []));
time('search by version prefix "xx"', 200, () => filterGroups(groups, 'xx', []));
time('label filters owner=team1 AND stage=dev', 50, () => filterGroups(groups, '', [{ key: 'owner', value: 'team1' }, { key: 'stage', value: 'dev' }]));
time('sort by newest', 200, () => sortGroups(groups, 'newest'));
time('sort by size', 200, () => sortGroups(groups, 'size'));
