// Format spec §11 cases 4 and 5: `latest` agrees between writers, and damaged pointers are read
// (and repaired) the way BentoML reads them.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import {
  bentoml, bentomlAtLeast, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type PyModel,
} from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

const latestFile = (home: string, name = 'iris_clf'): string => join(home, 'models', name, 'latest');

/** Pointer file, BentoML's `get name` and Model Shelf's resolve all name `expected`. */
async function expectLatestEverywhere(home: string, expected: string): Promise<void> {
  expect(await readFile(latestFile(home), 'utf8')).toBe(expected);
  const theirs = await bentomlJson<{ version: string }>(home, ['models', 'get', 'iris_clf']);
  expect(theirs.version).toBe(expected);
  const store = await ModelStore.open({ home });
  expect((await store.resolve('iris_clf')).version).toBe(expected);
  expect((await store.resolve('iris_clf:latest')).version).toBe(expected);
  // BentoML's get must not have had to rewrite anything: the file is still the bare version.
  expect(await readFile(latestFile(home), 'utf8')).toBe(expected);
}

describe.skipIf(SKIP_INTEROP)('latest across writers (§11 case 4)', () => {
  beforeAll(bentomlVenv);
  afterAll(removeHomes);

  it('follows the greatest creation_time whoever writes, and ignores older imports', async () => {
    const home = await makeHome('case4');
    const store = await ModelStore.open({ home });

    const v1 = await (await store.begin({ tag: 'iris_clf:v1' })).commit();
    await expectLatestEverywhere(home, 'v1');

    const py = pyOk<PyModel>((await pyOps(home, [{ op: 'create', name: 'iris_clf', files: [{ path: 'w.bin', size: 10 }] }]))[0]);
    const pyVersion = py.tag.split(':')[1]!;
    await expectLatestEverywhere(home, pyVersion);

    // An older model exported by BentoML, imported by the Model Shelf CLI: latest stays.
    const scratch = await makeHome('case4-old');
    const dayBefore = new Date(Date.parse(v1.creationTime.replace(/(\.\d{3})\d{3}/, '$1')) - 86_400_000).toISOString().replace('Z', '+00:00');
    const prepared = await pyOps(scratch, [
      { op: 'create', name: 'iris_clf', version: 'old1', files: [{ path: 'w.bin', size: 20 }] },
      { op: 'set_creation_time', name: 'iris_clf', version: 'old1', text: dayBefore },
      { op: 'export', tag: 'iris_clf:old1', out: `${scratch}/` },
    ]);
    const archive = pyOk<string>(prepared[2]);
    const imported = await shelfCli(home, ['import', archive]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    await expectLatestEverywhere(home, pyVersion);

    // An older model exported by Model Shelf, imported by BentoML: latest stays too.
    const scratch2 = await makeHome('case4-old2');
    const otherStore = await ModelStore.open({ home: scratch2 });
    await (await otherStore.begin({ tag: 'iris_clf:old2' })).commit();
    pyOk(
      (await pyOps(scratch2, [{ op: 'set_creation_time', name: 'iris_clf', version: 'old2', text: dayBefore.replace('+00:00', '-01:00') }]))[0],
    );
    const exported = await otherStore.export('iris_clf:old2', `${scratch2}/`);
    const theirImport = await bentoml(home, ['models', 'import', exported]);
    expect(theirImport.code).toBe(0);
    await expectLatestEverywhere(home, pyVersion);

    const newest = await (await store.begin({ tag: 'iris_clf' })).commit();
    await expectLatestEverywhere(home, newest.version);
    const { versions } = await store.list({ name: 'iris_clf' });
    expect(versions.map((v) => v.version).sort()).toEqual(['old1', 'old2', 'v1', pyVersion, newest.version].sort());
  });
});

describe.skipIf(SKIP_INTEROP)('latest repair parity (§11 case 5)', () => {
  let home = '';
  // bbb has the greatest creation_time; ccc is the lexicographically last; aaa was written first.
  const times = { aaa: '2025-03-14T09:26:55.413218+00:00', bbb: '2025-03-14T09:26:58.000001+00:00', ccc: '2025-03-14T09:26:54+00:00' };

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('case5');
    const ops = Object.entries(times).flatMap(([version, text]) => [
      { op: 'create', name: 'iris_clf', version, files: [{ path: 'w.bin', size: 100 }] },
      { op: 'set_creation_time', name: 'iris_clf', version, text },
    ]);
    (await pyOps(home, ops)).forEach((r) => pyOk(r));
  });
  afterAll(removeHomes);

  async function damage(content: string | null): Promise<void> {
    if (content === null) await rm(latestFile(home), { force: true });
    else await writeFile(latestFile(home), content);
  }

  const cases: { name: string; content: string | null; kind: string; bentomlResolves: string | null }[] = [
    { name: 'missing', content: null, kind: 'latest-missing', bentomlResolves: 'bbb' },
    { name: 'stale', content: 'zzzzzzzzzzzzzzzz', kind: 'latest-stale', bentomlResolves: 'bbb' },
    // BentoML >= 1.4.20 strips the pointer, so a newline-terminated id is followed as written.
    { name: 'newline-terminated', content: 'ccc\n', kind: 'latest-newline', bentomlResolves: 'ccc' },
    { name: 'empty', content: '', kind: 'latest-empty', bentomlResolves: null },
  ];

  for (const c of cases) {
    it(`${c.name} pointer: BentoML and Model Shelf agree, and repair leaves a pointer BentoML follows`, async () => {
      // <= 1.4.19 reads the pointer without strip(): 'ccc\n' names no directory, so it recomputes (§2.2).
      const stripping = await bentomlAtLeast('1.4.20');
      const bentomlResolves = c.content === 'ccc\n' && !stripping ? 'bbb' : c.bentomlResolves;
      await damage(c.content);
      const store = await ModelStore.open({ home });
      // Listing and resolving only read (issue 8): the pointer is resolved in memory as BentoML's
      // get would, and left as it is; BentoML's own get (below) rewrites it.
      const { problems } = await store.list();
      expect(problems.map((p) => p.kind)).toContain(c.kind);
      const ours = await store.resolve('iris_clf').then((v) => v.version, () => null);
      expect(await readFile(latestFile(home), 'utf8').catch(() => null)).toBe(c.content);

      const theirs = await bentoml(home, ['models', 'get', 'iris_clf', '-o', 'path']);
      if (bentomlResolves === null) {
        expect(theirs.code).toBe(1);
        expect(theirs.stdout + theirs.stderr).toContain("does not contain a 'model.yaml'");
        expect(ours).toBeNull();
      } else {
        expect(theirs.code).toBe(0);
        expect(theirs.stdout.trim()).toBe(join(home, 'models', 'iris_clf', bentomlResolves));
        // Model Shelf follows the trimmed pointer like BentoML >= 1.4.20 (and never writes a newline).
        expect(ours).toBe(c.bentomlResolves);
        // BentoML rewrites a pointer it had to recompute (bare id) and leaves a followable one alone.
        if (bentomlResolves !== c.content?.trim()) expect(await readFile(latestFile(home), 'utf8')).toBe('bbb');
      }

      await damage(c.content);
      await store.repair();
      const repaired = await readFile(latestFile(home), 'utf8');
      expect(repaired).toMatch(/^[a-z]{3}$/);
      expect((await store.list()).problems).toEqual([]);
      await expectLatestEverywhere(home, repaired);
      if (c.bentomlResolves !== 'ccc') expect(repaired).toBe('bbb');
    });
  }
});

describe.skipIf(SKIP_INTEROP)('ties in creation_time break the same way (§2.2)', () => {
  const T = '2025-06-01T12:00:00.000000+00:00';
  const T1 = '2025-06-01T12:00:01.000000+00:00';

  /** x1, x2, x3 at the same instant T; y one second later (so latest = y). */
  async function tiedHome(label: string): Promise<string> {
    const home = await makeHome(label);
    const ops = [['x1', T], ['x2', T], ['x3', T], ['y', T1]].flatMap(([version, text]) => [
      { op: 'create', name: 'iris_clf', version },
      { op: 'set_creation_time', name: 'iris_clf', version, text },
    ]);
    (await pyOps(home, ops)).forEach((r) => pyOk(r));
    await writeFile(latestFile(home), 'y');
    return home;
  }

  beforeAll(bentomlVenv);
  afterAll(removeHomes);

  it('recreating a missing pointer picks the first version among equals in both', async () => {
    const home = await tiedHome('ties-recreate');
    await rm(join(home, 'models', 'iris_clf', 'y'), { recursive: true });
    await rm(latestFile(home));
    const store = await ModelStore.open({ home });
    expect((await store.list()).versions.filter((v) => v.latest).map((v) => v.version)).toEqual(['x1']);
    expect((await store.resolve('iris_clf')).version).toBe('x1');
    // Resolving only read: the pointer is still missing when BentoML recreates it.
    await expect(readFile(latestFile(home), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await bentomlJson<{ version: string }>(home, ['models', 'get', 'iris_clf'])).version).toBe('x1');
    expect(await readFile(latestFile(home), 'utf8')).toBe('x1');
  });

  it('deleting the newest leaves the last version among equals in both', async () => {
    const theirs = await tiedHome('ties-delete-bentoml');
    expect((await bentoml(theirs, ['models', 'delete', 'iris_clf:y', '-y'])).code).toBe(0);
    const ours = await tiedHome('ties-delete-shelf');
    await (await ModelStore.open({ home: ours })).delete(['iris_clf:y']);
    expect(await readFile(latestFile(ours), 'utf8')).toBe(await readFile(latestFile(theirs), 'utf8'));
    expect(await readFile(latestFile(ours), 'utf8')).toBe('x3');
  });

  it('an import with the same creation_time as latest takes latest in both', async () => {
    const scratch = await makeHome('ties-archive');
    const made = await pyOps(scratch, [
      { op: 'create', name: 'iris_clf', version: 'z' },
      { op: 'set_creation_time', name: 'iris_clf', version: 'z', text: T1 },
      { op: 'export', tag: 'iris_clf:z', out: `${scratch}/` },
    ]);
    const archive = pyOk<string>(made[2]);
    const theirs = await tiedHome('ties-import-bentoml');
    expect((await bentoml(theirs, ['models', 'import', archive])).code).toBe(0);
    const ours = await tiedHome('ties-import-shelf');
    await (await ModelStore.open({ home: ours })).import(archive);
    expect(await readFile(latestFile(theirs), 'utf8')).toBe('z');
    expect(await readFile(latestFile(ours), 'utf8')).toBe('z');
  });
});
