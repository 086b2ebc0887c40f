// `list NAME` reads models/NAME/ only, as `bentoml models list NAME` does (issue 13): what it reads
// is COUNTED (the 'store-read' meter of scan.ts), never timed, and its output is the whole-store
// listing cut down to that name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreProblem } from '../../src-main/shared/model-types.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { countWork } from '../../src-main/store/paths/work-count.ts';
import { scanStore } from '../../src-main/store/read/scan.ts';
import { runCliIn, useTempHomeEachTest, type CliRun } from './fixtures/cli-home.ts';
import { time, writeLatestFile, writeVersion } from './scan-fixtures.ts';

let home: string;
useTempHomeEachTest('shelf-list-name-', (made) => (home = made));
const cli = (args: string[]): Promise<CliRun> => runCliIn(home, args);

async function writeIris(): Promise<void> {
  for (const [i, v] of ['aaa', 'bbb', 'ccc'].entries()) await writeVersion(home, 'iris_clf', v, { creationTime: time(i + 1) });
  await writeLatestFile(home, 'iris_clf', 'bbb');
}

async function writeOthers(names: number, versions: number): Promise<void> {
  for (let n = 0; n < names; n++) {
    for (let v = 0; v < versions; v++) await writeVersion(home, `other_${n}`, `v${v}`, { creationTime: time(v, n) });
  }
}

describe('list NAME reads only that name', () => {
  it('counts the same reads with no other model and with 40 others (120 versions), in the store and through the CLI', async () => {
    await writeIris();
    const store = ModelStore.forHome({ home });
    const alone = await countWork('store-read', () => store.list({ name: 'iris_clf' }));
    const aloneCli = await countWork('store-read', () => cli(['list', 'iris_clf', '--json']));
    // One listing of models/iris_clf/ and one read per version: nothing else.
    expect(alone.steps).toBe(1 + 3);
    expect(aloneCli.result?.code).toBe(0);
    expect(aloneCli.steps).toBe(1 + 3);

    await writeOthers(40, 3);
    const crowded = await countWork('store-read', () => store.list({ name: 'iris_clf' }));
    const crowdedCli = await countWork('store-read', () => cli(['list', 'iris_clf', '--json']));
    expect(crowded.steps).toBe(alone.steps);
    expect(crowdedCli.steps).toBe(aloneCli.steps);
    expect(crowdedCli.result?.stdout).toBe(aloneCli.result?.stdout);
    // The meter does see the rest of the store: the whole listing reads models/, 41 names and 123 versions.
    const whole = await countWork('store-read', () => store.list());
    expect(whole.steps).toBe(1 + 41 + 123);
  });

  it('stays the same with a label filter and with name:version', async () => {
    await writeIris();
    await writeOthers(10, 2);
    const store = ModelStore.forHome({ home });
    expect((await countWork('store-read', () => store.list({ name: 'iris_clf', labels: { stage: 'dev' } }))).steps).toBe(4);
    const one = await countWork('store-read', () => cli(['list', 'iris_clf:bbb', '--json']));
    expect(one.steps).toBe(4);
    expect((JSON.parse(one.result?.stdout ?? '[]') as { tag: string }[]).map((v) => v.tag)).toEqual(['iris_clf:bbb']);
  });
});

describe('list NAME shows what the whole listing shows for that name', () => {
  const about = (name: string) => (p: StoreProblem) => p.path === `models/${name}` || p.path.startsWith(`models/${name}/`);

  it('the same versions, order, latest marks and problems of that name, for every name of a store with problems', async () => {
    await writeIris();
    // Same creation time: the order among equals is the directory order, as in the whole listing.
    await writeVersion(home, 'iris_clf', 'ddd', { creationTime: time(2) });
    await writeVersion(home, 'iris_clf', 'Bad_Version', { creationTime: time(4) });
    await writeVersion(home, 'broken', 'v1', { yaml: 'name: [unclosed' });
    await writeVersion(home, 'broken', 'v2', { creationTime: time(9) });
    await writeLatestFile(home, 'broken', 'gone');
    await writeVersion(home, 'noyaml', 'v1', { yaml: null });
    await writeVersion(home, 'labelled', 'a', { creationTime: time(5), labels: { stage: 'dev' } });
    await writeVersion(home, 'labelled', 'b', { creationTime: time(6), labels: { stage: 'prod' } });
    await fs.mkdir(path.join(home, 'models', 'emptyname', 'latest'), { recursive: true });
    await fs.mkdir(path.join(home, 'models', '.staging', 'x'), { recursive: true });
    await fs.mkdir(path.join(home, 'models', 'Upper'), { recursive: true });

    const whole = await scanStore(home);
    // The fixture really has problems both inside and outside each name.
    expect(whole.problems.filter(about('iris_clf')).length).toBeGreaterThan(0);
    expect(whole.problems.filter(about('broken')).length).toBeGreaterThan(0);
    expect(whole.problems.filter(about('emptyname')).length).toBeGreaterThan(0);
    expect(whole.problems.filter((p) => p.path === 'models/.staging').length).toBe(1);

    const store = ModelStore.forHome({ home });
    for (const name of ['iris_clf', 'broken', 'noyaml', 'labelled', 'emptyname', 'absent']) {
      const listed = await store.list({ name });
      expect(listed.versions).toEqual(whole.versions.filter((v) => v.name === name));
      expect(listed.problems).toEqual(whole.problems.filter(about(name)));
    }
    const dev = await store.list({ name: 'labelled', labels: { stage: 'dev' } });
    expect(dev.versions.map((v) => v.tag)).toEqual(['labelled:a']);
    // Upper case is lowercased like BentoML's Tag(); a name no directory can have lists nothing.
    expect((await store.list({ name: 'IRIS_CLF' })).versions).toEqual(whole.versions.filter((v) => v.name === 'iris_clf'));
    expect(await store.list({ name: '.staging' })).toEqual({ versions: [], problems: [] });
  });

  it('the CLI prints that name\'s problems on stderr, not those of other names that `bentoml models list NAME` never reads', async () => {
    await writeIris();
    await writeVersion(home, 'iris_clf', 'Bad_Version', { creationTime: time(4) });
    await fs.mkdir(path.join(home, 'models', '.staging', 'x'), { recursive: true });
    const r = await cli(['list', 'iris_clf', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { tag: string; latest: boolean }[]).map((v) => [v.tag, v.latest])).toEqual([
      ['iris_clf:ccc', false],
      ['iris_clf:bbb', true],
      ['iris_clf:aaa', false],
    ]);
    expect(r.stderr).toContain('models/iris_clf/Bad_Version is not a valid BentoML version');
    expect(r.stderr).not.toContain('.staging');
    // The whole listing still reports both.
    const all = await cli(['list', '--json']);
    expect(all.stderr).toContain('models/iris_clf/Bad_Version');
    expect(all.stderr).toContain('models/.staging');
  });
});
