// `list --json` keeps one JSON text per version instead of the parsed model.yaml (issue 13): its
// output must stay what store.list() shows (order, latest, problems, filters), and its reads must
// grow with the versions and nothing else: COUNTED with the 'store-read' meter, never timed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src-main/cli/json-out.ts';
import { versionJson } from '../../src-main/cli/version-json.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { countWork } from '../../src-main/store/paths/work-count.ts';
import { runCliIn, useTempHomeEachTest, type CliRun } from './fixtures/cli-home.ts';
import { time, writeLatestFile, writeVersion } from './scan-fixtures.ts';

let home: string;
useTempHomeEachTest('shelf-list-json-', (made) => (home = made));
const cli = (args: string[]): Promise<CliRun> => runCliIn(home, args);

async function writeStore(names: number, versions: number): Promise<void> {
  for (let n = 0; n < names; n++) {
    for (let v = 0; v < versions; v++) {
      // Times interleave across names, and some are equal: the order is the whole store's, stable.
      await writeVersion(home, `m${n}`, `v${v}`, { creationTime: time((v * 7 + n * 3) % 11), labels: { stage: v % 2 ? 'dev' : 'prod' }, files: { 'w.bin': 10 + n + v } });
    }
    await writeLatestFile(home, `m${n}`, `v${n % versions}`);
  }
}

describe('list --json', () => {
  it('prints exactly what store.list() holds, with and without filters, problems on stderr', async () => {
    await writeStore(5, 6);
    await writeVersion(home, 'm1', 'broken', { yaml: 'name: [unclosed' });
    await writeVersion(home, 'm2', 'incomplete', { yaml: null });
    await writeVersion(home, 'm3', 'bigint', { yaml: `name: m3\nversion: bigint\nmodule: ''\nlabels: {}\noptions: {}\nmetadata:\n  big: 123456789012345678901234567890\n  f: 1000.0\n  d: 2025-01-02\ncontext:\n  framework_name: ''\n  framework_versions: {}\napi_version: v1\ncreation_time: '${time(4)}'\n` });
    await fs.mkdir(path.join(home, 'models', 'Upper'), { recursive: true });
    const store = ModelStore.forHome({ home });
    const cases: { args: string[]; filter: Parameters<ModelStore['list']>[0]; version?: string }[] = [
      { args: [], filter: {} },
      { args: ['--label', 'stage=dev'], filter: { labels: { stage: 'dev' } } },
      { args: ['m1'], filter: { name: 'm1' } },
      { args: ['M1'], filter: { name: 'm1' } },
      { args: ['m2:v3'], filter: { name: 'm2' }, version: 'v3' },
      { args: ['m4', '--label', 'stage=dev'], filter: { name: 'm4', labels: { stage: 'dev' } } },
    ];
    for (const c of cases) {
      const listed = await store.list(c.filter);
      const versions = c.version === undefined ? listed.versions : listed.versions.filter((v) => v.version === c.version);
      const out = await cli(['list', ...c.args, '--json']);
      expect(out.code, c.args.join(' ')).toBe(0);
      expect(out.stdout, c.args.join(' ')).toBe(`${toJson(versions.map(versionJson))}\n`);
      for (const p of listed.problems) expect(out.stderr).toContain(p.message);
    }
    const whole = JSON.parse((await cli(['list', '--json'])).stdout) as { tag: string; latest: boolean }[];
    expect(whole.length).toBe(5 * 6 + 3);
    expect(whole.filter((v) => v.latest).map((v) => v.tag).sort()).toEqual(['m0:v0', 'm1:v1', 'm2:v2', 'm3:v3', 'm4:v4']);
  });

  it('says there is no such model, as the table does', async () => {
    await writeStore(1, 1);
    const out = await cli(['list', 'nope', '--json']);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain("There is no model named 'nope'");
    expect((await cli(['list', 'nope', '--json', '--label', 'a=b'])).stdout).toBe('[]\n');
  });

  it('reads models/, each name and each version once: the count per version does not grow with the store', async () => {
    const perVersion: number[] = [];
    let written = 0;
    for (const names of [2, 8, 32]) {
      const versions = 4;
      for (let n = written; n < names; n++) {
        for (let v = 0; v < versions; v++) await writeVersion(home, `m${n}`, `v${v}`, { creationTime: time(v, n) });
      }
      written = names;
      const run = await countWork('store-read', () => cli(['list', '--json']));
      expect(run.result?.code).toBe(0);
      expect(JSON.parse(run.result?.stdout ?? '[]')).toHaveLength(names * versions);
      // One listing of models/, one per name, one read (model.yaml and size) per version.
      expect(run.steps).toBe(1 + names + names * versions);
      perVersion.push((run.steps - 1 - names) / (names * versions));
    }
    expect(perVersion).toEqual([1, 1, 1]);
  }, 60_000);
});
