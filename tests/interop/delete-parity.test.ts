// Format spec §11 case 6: deleting versions, and refusing while a bento uses one, like BentoML.
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP } from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

/**
 * The smallest bento.yaml BentoML 1.4 loads (checked against the installed release): name, version
 * and `service` are required (without `service` cattrs fails and `bentoml models delete` crashes for
 * every model); a model entry needs only `tag`.
 */
async function writeBento(home: string, name: string, body: string, ownModels = false): Promise<void> {
  const dir = join(home, 'bentos', name, 'v1');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'bento.yaml'), `name: ${name}\nversion: v1\nservice: 'service:Svc'\n${body}`);
  if (ownModels) await mkdir(join(dir, 'models'), { recursive: true });
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

describe.skipIf(SKIP_INTEROP)('delete parity (§11 case 6)', () => {
  let home = '';
  const latest = (): Promise<string> => readFile(join(home, 'models', 'iris_clf', 'latest'), 'utf8');

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('case6');
    pyOk((await pyOps(home, [{ op: 'create', name: 'iris_clf', version: 'a' }]))[0]);
    const store = await ModelStore.open({ home });
    await (await store.begin({ tag: 'iris_clf:b' })).commit();
    pyOk((await pyOps(home, [{ op: 'create', name: 'iris_clf', version: 'c' }]))[0]);
    await writeBento(home, 'svc', "models:\n- tag: iris_clf:a\n  module: ''\n  creation_time: '2025-01-01T00:00:00+00:00'\n");
    // BentoML lowercases tags it reads, so an upper-case reference still pins iris_clf:a.
    await writeBento(home, 'svc2', "services:\n- name: Svc\n  service: ''\n  models:\n  - tag: IRIS_CLF:A\n");
    // A bento with its own models/ carries private copies: both tools ignore it (§10.1).
    await writeBento(home, 'bundled', 'models:\n- tag: iris_clf:b\n', true);
  });
  afterAll(removeHomes);

  it('BentoML loads the three bentos, so its own in-use check is real', async () => {
    const [bentos] = await pyOps(home, [{ op: 'bentos' }]);
    expect(pyOk<{ tag: string; models: string[]; private_models: boolean }[]>(bentos)).toEqual([
      { tag: 'bundled:v1', models: ['iris_clf:b'], private_models: true },
      { tag: 'svc:v1', models: ['iris_clf:a'], private_models: false },
      { tag: 'svc2:v1', models: ['iris_clf:a'], private_models: false },
    ]);
    expect(await latest()).toBe('c');
  });

  it('BentoML deletes c: latest moves to b for both', async () => {
    const result = await bentoml(home, ['models', 'delete', 'iris_clf:c', '-y']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Model(tag="iris_clf:c") deleted.');
    expect(await latest()).toBe('b');
    const store = await ModelStore.open({ home });
    expect((await store.resolve('iris_clf')).version).toBe('b');
  });

  it('Model Shelf deletes b (not used: the only bento naming it has its own models/): latest moves to a', async () => {
    const store = await ModelStore.open({ home });
    expect(await store.bentosUsing('iris_clf:b')).toEqual([]);
    const result = await shelfCli(home, ['delete', 'iris_clf:b', '--yes']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await exists(join(home, 'models', 'iris_clf', 'b'))).toBe(false);
    expect(await latest()).toBe('a');
    expect((await bentomlJson<{ version: string }>(home, ['models', 'get', 'iris_clf'])).version).toBe('a');
  });

  it('both refuse to delete a while svc and svc2 use it', async () => {
    const theirs = await bentoml(home, ['models', 'delete', 'iris_clf:a', '-y']);
    expect(theirs.code).toBe(1);
    expect(theirs.stdout + theirs.stderr).toContain(
      "Model iris_clf:a is being used by the following bentos and can't be deleted:\n  svc:v1\n  svc2:v1",
    );
    const store = await ModelStore.open({ home });
    expect(await store.bentosUsing('iris_clf:a')).toEqual(['svc:v1', 'svc2:v1']);
    await expect(store.delete(['iris_clf:a'])).rejects.toMatchObject({ code: 'IN_USE' });
    const cli = await shelfCli(home, ['delete', 'iris_clf:a', '--yes']);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('svc:v1');
    expect(await exists(join(home, 'models', 'iris_clf', 'a', 'model.yaml'))).toBe(true);
    expect(await latest()).toBe('a');
  });

  it('after the bentos are gone Model Shelf deletes a, removing the name like BentoML does', async () => {
    await rm(join(home, 'bentos', 'svc'), { recursive: true });
    await rm(join(home, 'bentos', 'svc2'), { recursive: true });
    const store = await ModelStore.open({ home });
    await store.delete(['iris_clf:a']);
    expect(await exists(join(home, 'models', 'iris_clf'))).toBe(false);
    const listed = await bentoml(home, ['models', 'list', 'iris_clf', '-o', 'json']);
    expect(listed.code).toBe(1);
    expect(listed.stdout + listed.stderr).toContain("no Models with name 'iris_clf' found");
    expect(await bentomlJson(home, ['models', 'list'])).toEqual([]);
  });
});
