// Format spec §11 case 2: a model Model Shelf wrote is accepted by BentoML with every value intact.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentomlSize } from '../../src-main/shared/human-size.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import {
  bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel,
} from './helpers/bentoml.ts';
import { asGetJson, tagged } from './helpers/exact-json.ts';
import { AWKWARD_LABELS, AWKWARD_METADATA, modelTree, writeTree } from './helpers/fixtures.ts';
import { bentomlListTime, isoMicros } from './helpers/iso-time.ts';
import { shelfCli } from './helpers/shelf-cli.ts';
import { isPureAscii, treeDigest } from './helpers/tree.ts';

describe.skipIf(SKIP_INTEROP)('a Model Shelf-written model read by BentoML (§11 case 2)', () => {
  let home = '';
  let src = '';
  let made: ModelVersion;

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('case2');
    src = await writeTree(modelTree(20 * 1024 * 1024));
    const store = await ModelStore.open({ home });
    const session = await store.begin({ tag: 'iris_clf', labels: AWKWARD_LABELS, metadata: AWKWARD_METADATA });
    await session.add([src], { root: true });
    made = await session.commit();
  });
  afterAll(removeHomes);

  it('writes model.yaml keys in BentoML\'s order (§3.2)', async () => {
    const [keys] = await pyOps(home, [{ op: 'yaml_keys', path: join(made.path, 'model.yaml') }]);
    expect(pyOk(keys)).toEqual({
      top: ['name', 'version', 'module', 'labels', 'options', 'metadata', 'context', 'signatures', 'api_version', 'creation_time'],
      context: ['framework_name', 'framework_versions', 'bentoml_version', 'python_version'],
    });
  });

  it('writes model.yaml as pure ASCII and latest as the bare version', async () => {
    const yamlBytes = await readFile(join(made.path, 'model.yaml'));
    expect(isPureAscii(yamlBytes)).toBe(true);
    expect(yamlBytes[0]).not.toBe(0xef); // no BOM
    const latest = await readFile(join(home, 'models', 'iris_clf', 'latest'), 'utf8');
    expect(latest).toBe(made.version);
    expect(made.path).toBe(join(home, 'models', 'iris_clf', made.version));
  });

  it('`bentoml models list` shows it with the size Model Shelf computed', async () => {
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    expect(rows).toEqual([{ tag: made.tag, module: '', size: bentomlSize(made.size), creation_time: bentomlListTime(made.creationTimeMs) }]);
    const named = await bentomlJson<ListRow[]>(home, ['models', 'list', 'iris_clf']);
    expect(named.map((r) => r.tag)).toEqual([made.tag]);
  });

  it('`bentoml models get` round-trips every label and metadata value', async () => {
    const theirs = await bentomlJson<Record<string, unknown>>(home, ['models', 'get', 'iris_clf']);
    expect(theirs).toMatchObject({ name: 'iris_clf', version: made.version, module: '', api_version: 'v1', options: {}, signatures: {} });
    expect(theirs.labels).toEqual(AWKWARD_LABELS);
    expect(theirs.metadata).toEqual(asGetJson(tagged(AWKWARD_METADATA)));
    expect(isoMicros(theirs.creation_time as string)).toBe(isoMicros(made.creationTime));
    const path = await bentoml(home, ['models', 'get', 'iris_clf:latest', '-o', 'path']);
    expect(path.code).toBe(0);
    expect(path.stdout.trim()).toBe(made.path);
  });

  it('bentoml.models.get() in Python sees the same tag, path, labels, typed metadata and an aware time', async () => {
    const [latest, exact] = await pyOps(home, [
      { op: 'get', tag: 'iris_clf:latest' },
      { op: 'get', tag: made.tag },
    ]);
    const model = pyOk<PyModel>(latest);
    expect(pyOk<PyModel>(exact)).toEqual(model);
    expect(model.tag).toBe(made.tag);
    expect(model.path).toBe(made.path);
    expect(model.size).toBe(made.size);
    expect(model.labels).toEqual(AWKWARD_LABELS);
    expect(model.metadata).toEqual(tagged(AWKWARD_METADATA));
    expect(model.aware).toBe(true);
    expect(model.epoch_us).toBe(isoMicros(made.creationTime));
    expect(made.creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
  });

  it('stores the files byte-identical to the folder that was added', async () => {
    const stored = await treeDigest(made.path);
    delete stored['model.yaml'];
    expect(stored).toEqual(await treeDigest(src));
  });

  it('`model-shelf create` writes a version BentoML reads with the same labels, metadata and files', async () => {
    const tree = await writeTree([{ path: 'w/x.bin', size: 1000 }, { path: 'cfg.json', size: 10 }]);
    const result = await shelfCli(home, [
      'create', 'cli_model', '--root', tree,
      '--label', 'stage=yes', '--label', 'n=1e3', '--label', 'z=Zoë',
      '--metadata', 'm=[[1,2],[3,4]]', '--metadata', 'f=0.5', '--metadata', 'notes=08', '--metadata', 'big=1152921504606846976',
    ]);
    expect(result.code).toBe(0);
    const tag = result.stdout.trim().split('\n').pop()!;
    expect(tag).toMatch(/^cli_model:[a-z2-7]{16}$/);
    const model = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: 'cli_model' }]))[0]);
    expect(model.tag).toBe(tag);
    expect(model.labels).toEqual({ stage: 'yes', n: '1e3', z: 'Zoë' });
    expect(model.metadata).toEqual({ m: [[1, 2], [3, 4]], f: 0.5, notes: '08', big: { $int: '1152921504606846976' } });
    expect(await treeDigest(join(home, 'models', 'cli_model', tag.split(':')[1]!))).toEqual({
      ...(await treeDigest(tree)),
      'model.yaml': expect.any(String) as unknown,
    });
  });

  it('writes YamlBinary metadata as bytes Python reads back', async () => {
    const store = await ModelStore.open({ home });
    const metadata = { blob: { $binary: 'AAEC/w==' }, nested: [{ $binary: 'aGVsbG8=' }] };
    const made2 = await (await store.begin({ tag: 'binary_model', metadata })).commit();
    const model = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: made2.tag }]))[0]);
    expect(model.metadata).toEqual(metadata);
  });
});
