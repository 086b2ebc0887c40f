// Format spec §11 case 10: broken and foreign entries, repair, and BentoML listing beside
// Model Shelf's writes.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow } from './helpers/bentoml.ts';
import { writeTree } from './helpers/fixtures.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

describe.skipIf(SKIP_INTEROP)('a store with broken entries (§11 case 10)', () => {
  let home = '';
  let healthy: string[] = [];

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('case10');
    pyOk((await pyOps(home, [{ op: 'create', name: 'iris_clf', files: [{ path: 'w.bin', size: 100 }] }]))[0]);
    const store = await ModelStore.open({ home });
    await (await store.begin({ tag: 'iris_clf' })).commit();
    await (await store.begin({ tag: 'other' })).commit();
    healthy = (await bentomlJson<ListRow[]>(home, ['models', 'list'])).map((r) => r.tag);
    expect(healthy).toHaveLength(3);
  });
  afterAll(removeHomes);

  const broken: { name: string; path: string; make: (dir: string) => Promise<void>; bentoml: string; listArgs?: string[] }[] = [
    {
      name: '(a) a version without model.yaml',
      path: 'models/iris_clf/zzzzzzzzzzzzzzzz',
      make: async (dir: string) => writeFile(join(dir, 'weights.bin'), 'partial'),
      bentoml: "Failed to load bento model because it does not contain a 'model.yaml'",
    },
    {
      name: '(b) a version with an empty model.yaml',
      path: 'models/iris_clf/yyyyyyyyyyyyyyyy',
      make: async (dir: string) => writeFile(join(dir, 'model.yaml'), ''),
      bentoml: 'malformed model.yaml',
    },
    {
      name: '(b2) a version whose model.yaml was cut off mid-write',
      path: 'models/iris_clf/xxxxxxxxxxxxxxxx',
      make: async (dir: string) => writeFile(join(dir, 'model.yaml'), "name: iris_clf\nversion: 'xxxxxxxxxxxxxxxx\n"),
      bentoml: 'found unexpected end of stream',
    },
    {
      name: '(b3) a version with a null metadata value',
      path: 'models/other/wwwwwwwwwwwwwwww',
      make: async (dir: string) => writeFile(join(dir, 'model.yaml'), [
        'name: other', 'version: wwwwwwwwwwwwwwww', "module: ''", 'labels: {}', 'options: {}', 'metadata:', '  x: null',
        'context:', "  framework_name: ''", '  framework_versions: {}', 'signatures: {}', 'api_version: v1',
        "creation_time: '2025-01-01T00:00:00+00:00'", '',
      ].join('\n')),
      bentoml: "metadata entries must be basic python types like 'str', 'int', or 'complex', got 'NoneType'",
      // BentoML stops at the first broken version it loads; iris_clf's come first, so list this name.
      listArgs: ['models', 'list', 'other', '-o', 'json'],
    },
    {
      name: '(c) a hidden directory under models/',
      path: 'models/.staging',
      make: () => Promise.resolve(),
      bentoml: 'ValueError: .staging is not a valid BentoML tag',
    },
  ];

  for (const entry of broken) {
    it(`${entry.name}: BentoML fails, Model Shelf lists the healthy models and flags it`, async () => {
      const dir = join(home, entry.path);
      await mkdir(dir, { recursive: true });
      await entry.make(dir);
      const theirs = await bentoml(home, entry.listArgs ?? ['models', 'list', '-o', 'json']);
      expect(theirs.code).toBe(1);
      expect(theirs.stdout + theirs.stderr).toContain(entry.bentoml);

      const { versions, problems } = await (await ModelStore.open({ home })).list();
      expect(versions.filter((v) => v.status === 'ok').map((v) => v.tag).sort()).toEqual([...healthy].sort());
      const flagged = [...problems.map((p) => p.path), ...versions.filter((v) => v.status !== 'ok').map((v) => `models/${v.name}/${v.version}`)];
      expect(flagged).toContain(entry.path);
      // The CLI lists the healthy versions on stdout and names the broken entry on stderr.
      const cli = await shelfCli(home, ['list']);
      expect(cli.code).toBe(0);
      for (const tag of healthy) expect(cli.stdout).toContain(tag);
      expect(cli.stdout + cli.stderr).toContain(entry.path.split('/').pop());
    });
  }

  it('after repair and the deletes repair asks a person for, BentoML lists again', async () => {
    const store = await ModelStore.open({ home });
    const report = await store.repair();
    const manual = report.problems.filter((p) => !p.safeToFix).map((p) => p.path).sort();
    expect(manual).toEqual([
      'models/.staging', 'models/iris_clf/xxxxxxxxxxxxxxxx', 'models/iris_clf/yyyyyyyyyyyyyyyy', 'models/iris_clf/zzzzzzzzzzzzzzzz',
      'models/other/wwwwwwwwwwwwwwww',
    ]);
    // Broken versions go through Model Shelf's delete (BentoML's CLI cannot delete them, §9.3).
    await store.delete(['iris_clf:zzzzzzzzzzzzzzzz', 'iris_clf:yyyyyyyyyyyyyyyy', 'iris_clf:xxxxxxxxxxxxxxxx', 'other:wwwwwwwwwwwwwwww']);
    // A directory that is no version at all is not Model Shelf's to delete: the person removes it.
    await rm(join(home, 'models', '.staging'), { recursive: true });
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    expect(rows.map((r) => r.tag).sort()).toEqual([...healthy].sort());
    expect((await store.list()).problems).toEqual([]);
  });

  it('(d) stray files (.DS_Store, a lock file) are harmless to both', async () => {
    await writeFile(join(home, 'models', '.DS_Store'), 'x');
    await writeFile(join(home, 'models', 'iris_clf', '.lock'), '');
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    expect(rows.map((r) => r.tag).sort()).toEqual([...healthy].sort());
    const { versions, problems } = await (await ModelStore.open({ home })).list();
    expect(problems).toEqual([]);
    expect(versions.map((v) => v.tag)).toEqual(rows.map((r) => r.tag));
  });

  it('(e) `bentoml models list` never fails while Model Shelf creates and imports in a loop, and deletes only race as BentoML\'s own do', async () => {
    const store = await ModelStore.open({ home });
    const src = await writeTree([{ path: 'big.bin', size: 8 * 1024 * 1024 }, { path: 'd/e/f.bin', size: 50_000 }]);
    // 15 small archives with distinct tags, so that every tag is created once and deleted at most once.
    const archiveHome = await makeHome('case10-archive');
    const archiveStore = await ModelStore.open({ home: archiveHome });
    const archives: string[] = [];
    for (let i = 0; i < 15; i += 1) {
      const made = await (await archiveStore.begin({ tag: `imported:i${i}`, metadata: { i } })).commit();
      archives.push(await archiveStore.export(made.tag, `${archiveHome}/`));
    }

    const deletes: { start: number; end: number }[] = [];
    const duringDelete = (start: number, end: number): boolean => deletes.some((d) => d.start <= end && (d.end === 0 || d.end >= start));
    const timedDelete = async (tags: string[]): Promise<void> => {
      const span = { start: performance.now(), end: 0 };
      deletes.push(span);
      await store.delete(tags);
      span.end = performance.now();
    };
    // A version deleted while `bentoml models list` walks the store fails that listing: it saw the
    // directory and then cannot load it. No writer can prevent this (BentoML's own rmtree-based
    // delete opens a far wider window); Model Shelf's one rename keeps it to microseconds.
    const VANISHED = /Model\(tag="[^"]+"\) does not contain a model\.yaml|does not contain a 'model\.yaml'/;
    let writing = true;
    const failures: string[] = [];
    const races: string[] = [];
    let listings = 0;
    const lister = (async () => {
      while (writing) {
        try {
          const start = performance.now();
          const result = await bentoml(home, ['models', 'list', '-o', 'json']);
          if (result.code === 0) JSON.parse(result.stdout) as ListRow[];
          else if (VANISHED.test(result.stderr) && duringDelete(start, performance.now())) races.push(result.stderr.trim().split('\n').pop()!);
          else failures.push(result.stderr);
          // Model Shelf never shows a partial version. (A brand-new name has its version before its
          // `latest` file for a moment, exactly like BentoML's register; that is not a partial version.)
          const ours = await store.list();
          const partial = ours.versions.filter((v) => v.status !== 'ok' && existsSync(v.path));
          const other = ours.problems.filter((p) => p.kind !== 'latest-missing' && existsSync(join(home, p.path)));
          if (partial.length > 0 || other.length > 0) failures.push(JSON.stringify({ partial, other }));
          const gone = ours.versions.filter((v) => v.status !== 'ok' && !existsSync(v.path));
          if (gone.length > 0) races.push(`Model Shelf's scan flagged ${gone.map((v) => v.tag).join(', ')} as ${gone[0]!.status} while it was being deleted`);
        } catch (error) {
          failures.push(String(error));
        } finally {
          listings += 1;
        }
      }
    })();
    try {
      for (let i = 0; i < 15; i += 1) {
        const session = await store.begin({ tag: `loop:v${i}`, labels: { i: String(i) } });
        await session.add([src], { root: true });
        await session.commit();
        const imported = await store.import(archives[i]!);
        if (i % 2 === 1) await timedDelete([imported.tag]);
        if (i % 3 === 2) await timedDelete([`loop:v${i - 1}`]);
        // Pace the writer so that every step has at least one full BentoML listing beside it.
        const seen = listings;
        while (listings < seen + 1) await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      writing = false;
      await lister;
    }
    if (races.length > 0) console.log(`case 10(e): ${races.length} of ${listings} listings overlapped a delete and saw it half-way: ${races.join(' | ')}`);
    expect(failures).toEqual([]);
    expect(listings).toBeGreaterThanOrEqual(15);
    expect(await bentomlJson<ListRow[]>(home, ['models', 'list', 'loop'])).toHaveLength(10);
    expect(await bentomlJson<ListRow[]>(home, ['models', 'list', 'imported'])).toHaveLength(8);
  });
});
