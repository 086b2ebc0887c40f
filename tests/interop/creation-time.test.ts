// Format spec §11 case 9: creation_time forms read alike, Model Shelf writes only forms BentoML
// accepts, and a naive time (which breaks `bentoml models list`) is flagged.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCreationTime } from '../../src-main/store/yaml/creation-time.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import {
  bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel,
} from './helpers/bentoml.ts';
import { bentomlListTime, isoMicros } from './helpers/iso-time.ts';

/** Writes a version with Model Shelf's serializer, as a second program sharing the store would. */
async function writeWithSerializer(home: string, name: string, version: string, creationTime: string): Promise<void> {
  const dir = join(home, 'models', name, version);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.yaml'), serializeModelYaml(newModelInfo({ name, version, creationTime, labels: { form: version } })));
  await writeFile(join(dir, 'w.bin'), Buffer.alloc(1234, 7));
}

// (a) 6 digits, (b) no fraction, (c) 3 digits and +05:30, plus a negative offset; all via Model Shelf's writer.
const SERIALIZED = {
  a6: '2025-03-14T09:26:53.413218+00:00',
  b0: '2025-03-14T10:02:07+00:00',
  c3: '2025-03-14T15:00:00.123+05:30',
  neg: '2025-03-14T01:00:00.000001-08:00',
  tie1: '2025-03-14T11:00:00+00:00',
  tie2: '2025-03-14T11:00:00+00:00',
};
// (d) and friends written by PyYAML (BentoML's own dumper): Z, a tie in another name, an unquoted timestamp.
const PYTHON_WRITTEN = [
  { name: 'timed', version: 'zulu', text: '2025-03-14T09:30:00.5Z' },
  { name: 'another', version: 'tie0', text: '2025-03-14T11:00:00+00:00' },
  { name: 'another', version: 'unquoted', text: '2025-03-14T12:00:00.250000+00:00', as_datetime: true },
];

describe.skipIf(SKIP_INTEROP)('creation_time forms (§11 case 9)', () => {
  let home = '';
  let pythonVersion = '';

  beforeAll(async () => {
    pythonVersion = (await bentomlVenv()).pythonVersion;
    home = await makeHome('case9');
    for (const [version, text] of Object.entries(SERIALIZED)) await writeWithSerializer(home, 'timed', version, text);
    const ops = PYTHON_WRITTEN.flatMap((p) => [
      { op: 'create', name: p.name, version: p.version },
      { op: 'set_creation_time', ...p },
    ]);
    (await pyOps(home, ops)).forEach((r) => pyOk(r));
  });
  afterAll(removeHomes);

  it('every form reads to the same instant and list time, in the same order, in both tools', async () => {
    const zSupported = Number(pythonVersion.split('.')[1]) >= 11;
    if (!zSupported) {
      // Python 3.9/3.10 fromisoformat refuses 'Z': BentoML cannot load that version at all (§3.4).
      const listed = await bentoml(home, ['models', 'list', '-o', 'json']);
      expect(listed.code).toBe(1);
      await (await ModelStore.open({ home })).delete(['timed:zulu']);
    }
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    const store = await ModelStore.open({ home });
    const { versions, problems } = await store.list();
    expect(problems.filter((p) => p.kind === 'naive-time')).toEqual([]);
    expect(versions.map((v) => v.tag)).toEqual(rows.map((r) => r.tag));
    expect(versions.map((v) => bentomlListTime(v.creationTimeMs))).toEqual(rows.map((r) => r.creation_time));

    const described = (await pyOps(home, versions.map((v) => ({ op: 'get', tag: v.tag })))).map((r) => pyOk<PyModel>(r));
    versions.forEach((v, i) => {
      expect({ tag: v.tag, us: isoMicros(v.creationTime) }).toEqual({ tag: described[i]!.tag, us: described[i]!.epoch_us });
      expect(v.creationTimeMs).toBe(Math.floor(described[i]!.epoch_us! / 1000));
    });
    for (const [version, text] of Object.entries(SERIALIZED)) {
      const theirs = await bentomlJson<{ creation_time: string; labels: Record<string, string> }>(home, ['models', 'get', `timed:${version}`]);
      expect(isoMicros(theirs.creation_time)).toBe(isoMicros(text));
      expect(theirs.labels).toEqual({ form: version });
    }
  });

  it('Model Shelf writes only the 6-digit +00:00 form, which this Python reads as an aware time', async () => {
    const dates = [
      new Date(Date.UTC(2025, 2, 14, 9, 26, 53, 0)),
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)),
      new Date(Date.UTC(2000, 0, 1, 0, 0, 0, 1)),
      new Date(Date.UTC(2038, 0, 19, 3, 14, 8, 500)),
      new Date(),
    ];
    const texts = dates.map((d) => formatCreationTime(d));
    const parsed = pyOk<{ ok: boolean; aware: boolean; epoch_us: number }[]>((await pyOps(home, [{ op: 'parse_times', texts }]))[0]);
    texts.forEach((text, i) => {
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
      expect(parsed[i]).toEqual({ ok: true, aware: true, epoch_us: dates[i]!.getTime() * 1000 });
    });

    const fresh = await makeHome('case9-fresh');
    const store = await ModelStore.open({ home: fresh });
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await (await store.begin({ tag: 'fresh' })).commit());
    const rows = await bentomlJson<ListRow[]>(fresh, ['models', 'list']);
    expect(rows.map((r) => r.tag).sort()).toEqual(made.map((m) => m.tag).sort());
    // Same order in both, ties (same millisecond) included.
    expect((await store.list()).versions.map((v) => v.tag)).toEqual(rows.map((r) => r.tag));
    for (const m of made) expect(m.creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
  });

  it('a naive time makes `bentoml models list` raise TypeError; Model Shelf flags it and can delete it', async () => {
    pyOk((await pyOps(home, [
      { op: 'create', name: 'timed', version: 'naive' },
      { op: 'set_creation_time', name: 'timed', version: 'naive', text: '2025-03-14T09:26:53.413218' },
    ]))[1]);
    const listed = await bentoml(home, ['models', 'list', '-o', 'json']);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain("TypeError: can't compare offset-naive and offset-aware datetimes");

    const store = await ModelStore.open({ home });
    const { versions, problems } = await store.list();
    expect(problems.filter((p) => p.kind === 'naive-time').map((p) => p.path)).toEqual(['models/timed/naive']);
    expect(versions.filter((v) => v.status === 'ok').map((v) => v.tag)).toContain('timed:a6');
    await store.delete(['timed:naive']);
    expect((await bentoml(home, ['models', 'list', '-o', 'json'])).code).toBe(0);
  });
});
