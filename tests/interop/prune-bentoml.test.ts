// After `model-shelf prune`, real BentoML lists, gets and loads exactly the kept versions, and
// `bentoml models get NAME` gives the same latest as before (issue 11 §2).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel } from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

interface Report {
  remove: { tag: string; bytes: number }[];
  keep: { tag: string; reason: string }[];
  frees: number;
}

describe.skipIf(SKIP_INTEROP)('prune, then BentoML reads the store', () => {
  let home = '';

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('prune');
    // BentoML saves a, b, c, e and Model Shelf saves d between them: creation times rise in that order.
    for (const version of ['a', 'b', 'c']) pyOk((await pyOps(home, [{ op: 'create', name: 'iris_clf', version, labels: { stage: 'dev' }, files: [{ path: 'w.bin', size: 2048 }] }]))[0]);
    const store = await ModelStore.open({ home });
    await (await store.begin({ tag: 'iris_clf:d', labels: { stage: 'dev' } })).commit();
    pyOk((await pyOps(home, [{ op: 'create', name: 'iris_clf', version: 'e', labels: { stage: 'prod' } }]))[0]);
    pyOk((await pyOps(home, [{ op: 'create', name: 'other', version: 'x1' }, { op: 'create', name: 'other', version: 'x2' }]))[1]);
    // A bento BentoML itself loads (see delete-parity.test.ts) uses iris_clf:a.
    const bento = join(home, 'bentos', 'svc', 'v1');
    await mkdir(bento, { recursive: true });
    await writeFile(join(bento, 'bento.yaml'), "name: svc\nversion: v1\nservice: 'service:Svc'\nmodels:\n- tag: iris_clf:a\n");
  });
  afterAll(removeHomes);

  it('the dry run and the run agree; BentoML then lists, gets and loads exactly the kept versions', async () => {
    const latestBefore = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: 'iris_clf' }]))[0]).tag;
    expect(latestBefore).toBe('iris_clf:e');
    const dry = await shelfCli(home, ['prune', '--keep-last', '1', '--label', 'stage=dev', '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    const plan = JSON.parse(dry.stdout) as Report;
    expect(plan.remove.map((r) => r.tag)).toEqual(['iris_clf:b', 'iris_clf:c', 'iris_clf:d']);
    expect(plan.keep).toEqual([
      { tag: 'iris_clf:e', reason: 'latest' },
      { tag: 'iris_clf:a', reason: 'used-by-bento' },
      { tag: 'other:x2', reason: 'latest' },
      { tag: 'other:x1', reason: 'label' },
    ]);
    const run = await shelfCli(home, ['prune', '--keep-last', '1', '--label', 'stage=dev', '--yes', '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(plan);

    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list', '-o', 'json']);
    expect(rows.map((r) => r.tag).sort()).toEqual(['iris_clf:a', 'iris_clf:e', 'other:x1', 'other:x2']);
    const got = await bentoml(home, ['models', 'get', 'iris_clf']);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('name: iris_clf\nversion: e\n');
    const loaded = await pyOps(home, [{ op: 'get', tag: 'iris_clf' }, { op: 'get', tag: 'iris_clf:a' }, { op: 'get', tag: 'other' }, { op: 'get', tag: 'iris_clf:b' }]);
    expect(loaded.slice(0, 3).map((m) => pyOk<PyModel>(m).tag)).toEqual(['iris_clf:e', 'iris_clf:a', 'other:x2']);
    expect(loaded[3]).toMatchObject({ error: 'NotFound' });
  });

  it('--trash: BentoML does not see trashed versions, and sees one again after trash restore', async () => {
    const run = await shelfCli(home, ['prune', 'other', '--keep-last', '1', '--trash', '--yes', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ remove: [{ tag: 'other:x1' }] });
    expect((await bentomlJson<ListRow[]>(home, ['models', 'list', 'other', '-o', 'json'])).map((r) => r.tag)).toEqual(['other:x2']);
    const store = ModelStore.forHome({ home });
    const [entry] = await store.listTrash();
    await store.restore([entry?.id ?? '']);
    expect((await bentomlJson<ListRow[]>(home, ['models', 'list', 'other', '-o', 'json'])).map((r) => r.tag).sort()).toEqual(['other:x1', 'other:x2']);
    expect(pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: 'other' }]))[0]).tag).toBe('other:x2');
  });
});
