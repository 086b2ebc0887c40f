// The one label-key rule (value-rules.ts keyProblem) against real BentoML: BentoML saves keys with
// spaces around them (' a', 'stage ') and `bentoml models get` reads them back as written, so Model
// Shelf keeps them too at every entry point: a BentoML archive with such keys imports unchanged and
// can be relabelled, and `create --label` / `label --set` write keys BentoML reads back as given.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type PyModel } from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

interface GetJson {
  labels: Record<string, string>;
  metadata: Record<string, unknown>;
}

describe.skipIf(SKIP_INTEROP)('label keys with spaces: what BentoML writes and reads, Model Shelf keeps', () => {
  let home = '';
  let made: PyModel;

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('label-key');
    const [created] = await pyOps(home, [{ op: 'create', name: 'spaced', labels: { ' a': 'b', 'stage ': 'prod' }, metadata: { ' m': 1 }, files: [{ path: 'w.bin', size: 100 }] }]);
    made = pyOk<PyModel>(created);
  }, 900_000);
  afterAll(removeHomes);

  it('BentoML itself saves the keys and `bentoml models get` reads them back as written', { timeout: 300_000 }, async () => {
    const got = await bentomlJson<GetJson>(home, ['models', 'get', made.tag]);
    expect(got.labels).toEqual({ ' a': 'b', 'stage ': 'prod' });
    expect(got.metadata).toEqual({ ' m': 1 });
  });

  it('import of a BentoML archive keeps them, and `label --set` on it adds one more BentoML reads', { timeout: 300_000 }, async () => {
    const archive = join(home, 'spaced.bentomodel');
    pyOk(await pyOps(home, [{ op: 'export', tag: made.tag, out: archive }]).then((r) => r[0]));
    const other = await makeHome('label-key-import');
    const imported = await shelfCli(other, ['import', archive]);
    expect(imported.code, imported.stderr).toBe(0);
    const labelled = await shelfCli(other, ['label', made.tag, '--set', ' c=d']);
    expect(labelled.code, labelled.stderr).toBe(0);
    const got = await bentomlJson<GetJson>(other, ['models', 'get', made.tag]);
    expect(got.labels).toEqual({ ' a': 'b', 'stage ': 'prod', ' c': 'd' });
    expect(got.metadata).toEqual({ ' m': 1 });
  });

  it('`create --label` and `--metadata` write the keys as given, and BentoML reads them back', { timeout: 300_000 }, async () => {
    const src = join(home, 'w.bin');
    await writeFile(src, 'weights');
    const created = await shelfCli(home, ['create', 'from_shelf', src, '--label', ' a=b', '--label', 'stage =prod', '--metadata', ' m=1']);
    expect(created.code, created.stderr).toBe(0);
    const tag = created.stdout.trim().split('\n').at(-1)!;
    const got = await bentomlJson<GetJson>(home, ['models', 'get', tag]);
    expect(got.labels).toEqual({ ' a': 'b', 'stage ': 'prod' });
    expect(got.metadata).toEqual({ ' m': 1 });
  });
});
