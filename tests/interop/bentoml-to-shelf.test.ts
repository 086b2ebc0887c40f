// Format spec §11 case 1: a model BentoML wrote is read by Model Shelf exactly as BentoML reports it.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentomlSize } from '../../src-main/shared/human-size.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import {
  bentoml, bentomlJson, bentomlVenv, isPyError, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel,
} from './helpers/bentoml.ts';
import { asGetJson, parseExactJson, tagged } from './helpers/exact-json.ts';
import { AWKWARD_LABELS, AWKWARD_METADATA, pythonMetadata } from './helpers/fixtures.ts';
import { bentomlListTime } from './helpers/iso-time.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

interface GetJson {
  name: string;
  version: string;
  module: string;
  labels: Record<string, string>;
  metadata: Record<string, unknown>;
  api_version: string;
  creation_time: string;
}

describe.skipIf(SKIP_INTEROP)('a BentoML-written store read by Model Shelf (§11 case 1)', () => {
  let home = '';
  let created: PyModel[] = [];
  let rows: ListRow[] = [];

  beforeAll(async () => {
    const venv = await bentomlVenv();
    console.log(`interop: BentoML ${venv.bentomlVersion} on Python ${venv.pythonVersion} (${venv.python})`);
    home = await makeHome('case1');
    const metadata = { ...(pythonMetadata(AWKWARD_METADATA) as object), when: { $now: true } };
    const results = await pyOps(home, [
      { op: 'create', name: 'iris_clf', labels: { stage: 'dev' }, files: [{ path: 'model.pkl', size: 1000 }] },
      { op: 'create', name: 'other_model', metadata: { x: 1 }, files: [{ path: 'a/b/c.bin', size: 5 * 1024 * 1024 + 3 }] },
      {
        op: 'create', name: 'iris_clf', labels: AWKWARD_LABELS, metadata,
        files: [{ path: 'model.pkl', size: 4000 }, { path: 'sub/.hidden', size: 9 }, { path: 'sub/deeper/w.bin', size: 70_000 }],
      },
      // bytes become `!!binary`, non-finite floats `.nan`/`.inf`/`-.inf` (§5.2).
      {
        op: 'create', name: 'odd_values',
        metadata: { blob: { $binary: 'AAEC/w==' }, nan: { $float: 'nan' }, inf: { $float: 'inf' }, ninf: { $float: '-inf' }, t: [1, 'x'] },
      },
    ]);
    created = results.map((r) => pyOk<PyModel>(r));
    rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
  });
  afterAll(removeHomes);

  it('runs against a BentoML 1.4 release', async () => {
    const venv = await bentomlVenv();
    expect(venv.bentomlVersion).toMatch(/^1\.4\.\d+/);
  });

  it('lists every version in BentoML\'s order with the same size and local time strings', async () => {
    const store = await ModelStore.open({ home });
    const { versions, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(versions.map((v) => v.tag)).toEqual(rows.map((r) => r.tag));
    for (const model of created) expect({ tag: model.tag, size: versions.find((v) => v.tag === model.tag)?.size }).toEqual({ tag: model.tag, size: model.size });
    for (const row of rows) {
      const ours = versions.find((v) => v.tag === row.tag)!;
      expect({ tag: ours.tag, module: ours.module, size: bentomlSize(ours.size), time: bentomlListTime(ours.creationTimeMs) }).toEqual({
        tag: row.tag, module: row.module, size: row.size, time: row.creation_time,
      });
      expect(ours.status).toBe('ok');
    }
  });

  it('reads tag, labels, metadata and creation time exactly as `bentoml models get` and Python do', async () => {
    const store = await ModelStore.open({ home });
    const detail = await store.get('iris_clf');
    const ours: ModelVersion = detail.version;
    const theirs = await bentomlJson<GetJson>(home, ['models', 'get', 'iris_clf']);
    const python = created[2]!;
    expect(ours.tag).toBe(`${theirs.name}:${theirs.version}`);
    expect(ours.tag).toBe(python.tag);
    expect(ours.labels).toEqual(theirs.labels);
    expect(ours.labels).toEqual(AWKWARD_LABELS);
    // Python's own types (date, exact big ints, float vs string) and the CLI's JSON view of them.
    expect(tagged(ours.metadata)).toEqual(python.metadata);
    expect(asGetJson(tagged(ours.metadata))).toEqual(theirs.metadata);
    expect(ours.metadata.big).toBe(2n ** 60n);
    expect(ours.metadata.unicode).toBe(AWKWARD_METADATA.unicode);
    expect(ours.creationTime).toBe(theirs.creation_time);
    expect(ours.module).toBe(theirs.module);
    expect(ours.apiVersion).toBe(theirs.api_version);
    expect(ours.path).toBe(join(home, 'models', 'iris_clf', python.tag.split(':')[1]!));
  });

  it('resolves latest to the content of models/iris_clf/latest', async () => {
    const store = await ModelStore.open({ home });
    const pointer = await readFile(join(home, 'models', 'iris_clf', 'latest'), 'utf8');
    const resolved = await store.resolve('iris_clf');
    expect(resolved.version).toBe(pointer);
    expect(resolved.tag).toBe(created[2]!.tag);
    const { versions } = await store.list({ name: 'iris_clf' });
    expect(versions.filter((v) => v.latest).map((v) => v.version)).toEqual([pointer]);
  });

  it('the CLI shows the same tags, sizes and labels', async () => {
    const result = await shelfCli(home, ['list', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const listed = parseExactJson(result.stdout) as { versions?: ModelVersion[] } | ModelVersion[];
    const versions = Array.isArray(listed) ? listed : (listed.versions ?? []);
    expect(versions.map((v) => v.tag)).toEqual(rows.map((r) => r.tag));
    expect(versions.map((v) => bentomlSize(v.size))).toEqual(rows.map((r) => r.size));
    expect(versions.find((v) => v.tag === created[2]!.tag)?.labels).toEqual(AWKWARD_LABELS);

    // `get --json` prints metadata the way `bentoml models get -o json` does: dates as text, big ints in full.
    const got = await shelfCli(home, ['get', 'iris_clf', '--json']);
    expect(got.code).toBe(0);
    const ours = parseExactJson(got.stdout) as { tag: string; labels: unknown; metadata: unknown; creation_time: string };
    const theirs = await bentomlJson<GetJson>(home, ['models', 'get', 'iris_clf']);
    expect(ours.tag).toBe(`${theirs.name}:${theirs.version}`);
    expect(ours.labels).toEqual(theirs.labels);
    expect(ours.metadata).toEqual(theirs.metadata);
    expect(ours.creation_time).toBe(theirs.creation_time);
    const path = await shelfCli(home, ['get', 'iris_clf:latest', '--path']);
    expect(path.stdout.trim()).toBe((await bentoml(home, ['models', 'get', 'iris_clf:latest', '-o', 'path'])).stdout.trim());
  });

  it('resolves name, name:latest, upper case, unique prefixes and ambiguous prefixes like `bentoml models get` (§2.3)', async () => {
    pyOk((await pyOps(home, [
      { op: 'create', name: 'prefixed', version: 'abc1' },
      { op: 'create', name: 'prefixed', version: 'abc2' },
      { op: 'create', name: 'prefixed', version: 'xyz' },
    ]))[2]);
    const store = await ModelStore.open({ home });
    const full = created[2]!.tag.split(':')[1]!;
    const lookups = ['iris_clf', 'iris_clf:latest', 'IRIS_CLF', `iris_clf:${full.slice(0, 6)}`, `Iris_Clf:${full.toUpperCase()}`, 'prefixed:ab', 'prefixed:abc1', 'prefixed:x', 'prefixed:nope'];
    // One Python process answers every lookup through bentoml.models.get (the store's get, §2.3).
    const answers = await pyOps(home, lookups.map((tag) => ({ op: 'get', tag })));
    for (const [i, input] of lookups.entries()) {
      const theirs = answers[i];
      const ours = await store.resolve(input).then((v) => ({ ok: true as const, path: v.path }), (e: { code: string }) => ({ ok: false as const, code: e.code }));
      if (isPyError(theirs)) expect({ input, ok: ours.ok }).toEqual({ input, ok: false });
      else expect({ input, ours }).toEqual({ input, ours: { ok: true, path: (theirs as PyModel).path } });
    }
    expect(answers.filter(isPyError)).toHaveLength(2);
    // The ambiguous one fails for both with the candidates named.
    const ambiguous = await bentoml(home, ['models', 'get', 'prefixed:ab', '-o', 'path']);
    expect(ambiguous.stdout + ambiguous.stderr).toMatch(/Multiple prefixed versions found: abc[12], abc[12]|multiple versions matched/);
    await expect(store.resolve('prefixed:ab')).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    await expect(store.resolve('prefixed:nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads !!binary and .nan/.inf metadata as Python does', async () => {
    const store = await ModelStore.open({ home });
    const ours = (await store.get('odd_values')).version;
    expect(ours.tag).toBe(created[3]!.tag);
    expect(tagged(ours.metadata)).toEqual(created[3]!.metadata);
    expect(created[3]!.metadata).toEqual({
      blob: { $binary: 'AAEC/w==' }, nan: { $float: 'nan' }, inf: { $float: 'inf' }, ninf: { $float: '-inf' }, t: [1, 'x'],
    });
  });

  it('counts sizes like calc_dir_size when another program put symbolic links into a version (§8.1)', async () => {
    const model = pyOk<PyModel>((await pyOps(home, [{ op: 'create', name: 'linked', files: [{ path: 'real/a.bin', size: 1000 }] }]))[0]);
    const outside = await makeHome('case1-outside');
    await writeFile(join(outside, 'o.bin'), Buffer.alloc(300));
    await writeFile(join(outside, 't.bin'), Buffer.alloc(50));
    await symlink(outside, join(model.path, 'linkdir')); // not descended into
    await symlink(join(outside, 't.bin'), join(model.path, 'linkfile')); // counted at the target's size
    await symlink('real', join(model.path, 'innerlink'));
    const theirs = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: model.tag }]))[0]);
    const ours = (await (await ModelStore.open({ home })).resolve(model.tag)).size;
    expect(ours).toBe(theirs.size);
    expect(theirs.size).toBe(model.size + 50);
  });

  it('turns non-string label values of a hand-written model.yaml into the same strings as Python\'s str() (§3.5)', async () => {
    const dir = join(home, 'models', 'handmade', 'v1');
    await mkdir(dir, { recursive: true });
    const labels = [
      'n: 1', 'b: true', 'B: yes', 'f: 1.5', 'g: 1.0e+3', 'h: 0x1F', 'o: 017', 's: 1_000', 'd: 2025-03-15',
      't: 2025-03-15 07:58:12', 'tz: 2025-03-15T07:58:12Z', 'tzf: 2025-03-15T07:58:12.5+05:30', 'nul: null', 'tilde: ~',
      'inf: .inf', 'nan: .nan', 'ninf: -.inf', 'big: 123456789012345678901234567890', 'sexa: 1:20', 'sexf: 1:20.5',
      "list: [1, 'a', 2.0]", 'map: {a: 1}', 'flt: 1e3', 'exp: 6.02e+23', 'small: 0.1', 'fl2: 100000000000000000000.0',
      'bin: 0b101', 'neg0: -0.0', '1: int-key', '2.5: float-key', "'quoted': \"Zo\\xEB\"",
    ];
    await writeFile(join(dir, 'model.yaml'), [
      'name: handmade', 'version: v1', "module: ''", 'labels:', ...labels.map((l) => `  ${l}`), 'options: {}', 'metadata: {}',
      'context:', "  framework_name: ''", '  framework_versions: {}', 'signatures: {}', 'api_version: v1',
      "creation_time: '2025-01-01T00:00:00+00:00'", '',
    ].join('\n'));
    const theirs = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: 'handmade:v1' }]))[0]);
    const ours = await (await ModelStore.open({ home })).resolve('handmade:v1');
    expect(ours.status).toBe('ok');
    expect(ours.labels).toEqual(theirs.labels);
    expect(theirs.labels).toMatchObject({ b: 'True', g: '1000.0', nul: 'None', tz: '2025-03-15 07:58:12+00:00', quoted: 'Zoë', 1: 'int-key' });
  });
});
