// Issue 8 item 7: the `context` of a model Model Shelf saves states nothing false. No BentoML and
// no Python wrote it, so bentoml_version and python_version are '' and framework_versions names
// Model Shelf; BentoML reads that context back unchanged everywhere it shows or moves a model.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SHELF_VERSION } from '../../src-main/shared/shelf-version.ts';
import { bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel } from './helpers/bentoml.ts';
import { writeTree } from './helpers/fixtures.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

const OURS = { framework_name: '', framework_versions: { 'model-shelf': MODEL_SHELF_VERSION }, bentoml_version: '', python_version: '' };

describe.skipIf(SKIP_INTEROP)("BentoML reads the context of a Model Shelf model as written", () => {
  let home = '';
  let tag = '';

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('context');
    const tree = await writeTree([{ path: 'w.bin', size: 100 }]);
    const made = await shelfCli(home, ['create', 'ctx_model', '--root', tree]);
    expect(made.code).toBe(0);
    tag = made.stdout.trim().split('\n').at(-1) ?? '';
  });
  afterAll(removeHomes);

  it('bentoml.models.get() and `bentoml models get` show the honest context, and list works', async () => {
    const model = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: 'ctx_model:latest' }]))[0]);
    expect(model.tag).toBe(tag);
    expect(model.context).toEqual(OURS);
    const got = await bentomlJson<{ context: unknown }>(home, ['models', 'get', tag]);
    expect(got.context).toEqual(OURS);
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    expect(rows.map((r) => r.tag)).toEqual([tag]);
  });

  it('the context survives `bentoml models export` and `import` into another store', async () => {
    const out = join(await makeHome('context-out'), 'm.bentomodel');
    expect((await bentoml(home, ['models', 'export', tag, out])).code).toBe(0);
    const other = await makeHome('context-other');
    expect((await bentoml(other, ['models', 'import', out])).code).toBe(0);
    const model = pyOk<PyModel>((await pyOps(other, [{ op: 'get', tag }]))[0]);
    expect(model.context).toEqual(OURS);
  });

  it("Model Shelf never rewrites the context of a model BentoML saved (it keeps BentoML's own versions)", async () => {
    const source = await makeHome('context-bentoml');
    const made = pyOk<PyModel & { context: { bentoml_version: string; python_version: string } }>(
      (await pyOps(source, [{ op: 'create', name: 'py_model', files: [{ path: 'w.bin', size: 10 }] }]))[0],
    );
    const [versions] = await pyOps(source, [{ op: 'versions' }]);
    const { bentoml: bv, python: pv } = pyOk<{ bentoml: string; python: string }>(versions);
    expect(made.context).toMatchObject({ bentoml_version: bv, python_version: pv });
    const out = join(await makeHome('context-out2'), 'py.bentomodel');
    expect((await shelfCli(source, ['export', made.tag, out])).code).toBe(0);
    const other = await makeHome('context-shelf-import');
    expect((await shelfCli(other, ['import', out])).code).toBe(0);
    const back = pyOk<PyModel>((await pyOps(other, [{ op: 'get', tag: made.tag }]))[0]);
    expect(back.context).toEqual(made.context);
  });
});
