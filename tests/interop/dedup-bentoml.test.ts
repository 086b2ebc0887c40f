// After `model-shelf dedup`, real BentoML lists, gets, exports and imports every version exactly
// as before, and `bentoml models delete` of one version never changes another's bytes; `verify`
// records a manifest for the versions BentoML saved and finds them intact (issue 11 §3, §4).
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel } from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

const SHARED = 'shared weights '.repeat(20_000);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const TAGS = ['llm:v1', 'llm:v2', 'llm:v3', 'other:x1'];

describe.skipIf(SKIP_INTEROP)('dedup, then BentoML reads the store', () => {
  let home = '';
  let before: PyModel[] = [];
  const bytes = new Map<string, string>();

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('dedup');
    // BentoML saves three versions holding the same weights and one file of their own each.
    const ops = ['llm:v1', 'llm:v2', 'other:x1'].map((tag) => {
      const [name, version] = tag.split(':');
      return { op: 'create', name, version, labels: { stage: 'dev' }, files: [{ path: 'weights/w.bin', text: SHARED }, { path: 'own.bin', size: 4096 }] };
    });
    for (const r of await pyOps(home, ops)) pyOk(r);
    // Model Shelf saves a fourth with the same weights.
    const src = join(home, '..', 'dedup-src');
    await mkdir(join(src, 'weights'), { recursive: true });
    await writeFile(join(src, 'weights', 'w.bin'), SHARED);
    const created = await shelfCli(home, ['create', 'llm:v3', '--root', src]);
    expect(created.code, created.stderr).toBe(0);
    before = (await pyOps(home, TAGS.map((tag) => ({ op: 'get', tag })))).map((m) => pyOk<PyModel>(m));
    for (const m of before) {
      for (const rel of ['weights/w.bin', 'own.bin']) {
        const data = await readFile(join(m.path, rel)).catch(() => null);
        if (data) bytes.set(`${m.tag}/${rel}`, sha(data));
      }
    }
  }, 300_000);
  afterAll(removeHomes);

  it('links the copies, and BentoML gets every version with the same size, labels and times', async () => {
    const run = await shelfCli(home, ['dedup', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { replaced: { file: string }[]; freed: number };
    expect(report.replaced.map((r) => r.file)).toEqual(['llm:v2/weights/w.bin', 'llm:v3/weights/w.bin', 'other:x1/weights/w.bin']);
    expect(report.freed).toBe(3 * SHARED.length);
    const ino = (await stat(join(before[0]?.path ?? '', 'weights', 'w.bin'))).ino;
    for (const m of before) expect((await stat(join(m.path, 'weights', 'w.bin'))).ino).toBe(ino);
    const after = (await pyOps(home, TAGS.map((tag) => ({ op: 'get', tag })))).map((m) => pyOk<PyModel>(m));
    expect(after).toEqual(before);
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list', '-o', 'json']);
    expect(rows.map((r) => r.tag).sort()).toEqual([...TAGS].sort());
  }, 300_000);

  it('BentoML exports a linked version and imports it elsewhere byte for byte', async () => {
    const out = join(home, '..', 'dedup-out');
    await mkdir(out, { recursive: true });
    const exported = await bentoml(home, ['models', 'export', 'other:x1', join(out, 'x1.bentomodel')]);
    expect(exported.code, exported.stderr).toBe(0);
    const other = await makeHome('dedup-import');
    const imported = await bentoml(other, ['models', 'import', join(out, 'x1.bentomodel')]);
    expect(imported.code, imported.stderr).toBe(0);
    const copy = pyOk<PyModel>((await pyOps(other, [{ op: 'get', tag: 'other:x1' }]))[0]);
    expect(sha(await readFile(join(copy.path, 'weights', 'w.bin')))).toBe(bytes.get('other:x1/weights/w.bin'));
    expect(sha(await readFile(join(copy.path, 'own.bin')))).toBe(bytes.get('other:x1/own.bin'));
  }, 300_000);

  it('bentoml models delete of the version the others link to changes no other version, and verify finds them intact', async () => {
    const deleted = await bentoml(home, ['models', 'delete', 'llm:v1', '-y']);
    expect(deleted.code, deleted.stderr).toBe(0);
    for (const m of before.filter((x) => x.tag !== 'llm:v1')) {
      for (const rel of ['weights/w.bin', 'own.bin']) {
        const key = `${m.tag}/${rel}`;
        if (bytes.has(key)) expect(sha(await readFile(join(m.path, rel)))).toBe(bytes.get(key));
      }
    }
    const loaded = (await pyOps(home, ['llm:v2', 'llm:v3', 'other:x1'].map((tag) => ({ op: 'get', tag })))).map((m) => pyOk<PyModel>(m).tag);
    expect(loaded).toEqual(['llm:v2', 'llm:v3', 'other:x1']);
    const verify = await shelfCli(home, ['verify', '--json']);
    expect(verify.code, verify.stdout).toBe(0);
    const states = (JSON.parse(verify.stdout) as { versions: { tag: string; state: string; recordedBy: string }[] }).versions.map((v) => [v.tag, v.state, v.recordedBy]).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    // llm:v2 and other:x1 got their manifest from dedup (BentoML saved them); llm:v3 at its create.
    expect(states).toEqual([
      ['llm:v2', 'intact', 'dedup'],
      ['llm:v3', 'intact', 'create'],
      ['other:x1', 'intact', 'dedup'],
    ]);
  }, 300_000);
});
