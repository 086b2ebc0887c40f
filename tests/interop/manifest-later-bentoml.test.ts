// A model saved with `model-shelf create --manifest later` (issue 13: the copy without a SHA-256
// of every byte) is an ordinary BentoML model: BentoML lists and gets it with its labels, reads
// its files byte for byte, and exports and imports it; the pending manifest lives in
// .model-shelf/ only, so BentoML sees nothing of it, and the first verify records it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentoml, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel } from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(SKIP_INTEROP)('create --manifest later, then BentoML reads the model', () => {
  let home = '';
  // 70 MiB is copied by the system `cp` (64 MiB and more); mostly zeros, so BentoML's xz export stays quick.
  const big = Buffer.alloc(70 * 1024 * 1024);
  randomBytes(1024 * 1024).copy(big, 0);
  randomBytes(1024 * 1024).copy(big, big.length - 1024 * 1024);
  const files = new Map<string, Buffer>([
    ['weights/big.bin', big],
    ['config.json', Buffer.from('{"layers": 4}\n')],
  ]);

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('manifest-later');
    const src = join(home, '..', 'manifest-later-src');
    await mkdir(join(src, 'weights'), { recursive: true });
    for (const [rel, data] of files) await writeFile(join(src, rel), data);
    const created = await shelfCli(home, ['create', 'llm:v1', '--root', src, '--manifest', 'later', '--label', 'stage=dev']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe('llm:v1');
  }, 300_000);
  afterAll(removeHomes);

  it('BentoML lists and gets it, with its labels, and reads every file byte for byte', async () => {
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list', '-o', 'json']);
    expect(rows.map((r) => r.tag)).toEqual(['llm:v1']);
    const model = pyOk<PyModel>((await pyOps(home, [{ op: 'get', tag: 'llm:v1' }]))[0]);
    expect(model.labels).toEqual({ stage: 'dev' });
    for (const [rel, data] of files) expect(sha(await readFile(join(model.path, ...rel.split('/')))), rel).toBe(sha(data));
    // Nothing of the pending manifest is in the version folder BentoML reads.
    expect((await readdir(model.path)).sort()).toEqual(['config.json', 'model.yaml', 'weights']);
  }, 300_000);

  it('BentoML exports it and imports it into another home byte for byte', async () => {
    const out = join(home, '..', 'manifest-later-out');
    await mkdir(out, { recursive: true });
    const exported = await bentoml(home, ['models', 'export', 'llm:v1', join(out, 'llm.bentomodel')]);
    expect(exported.code, exported.stderr).toBe(0);
    const other = await makeHome('manifest-later-import');
    const imported = await bentoml(other, ['models', 'import', join(out, 'llm.bentomodel')]);
    expect(imported.code, imported.stderr).toBe(0);
    const copy = pyOk<PyModel>((await pyOps(other, [{ op: 'get', tag: 'llm:v1' }]))[0]);
    for (const [rel, data] of files) expect(sha(await readFile(join(copy.path, ...rel.split('/')))), rel).toBe(sha(data));
  }, 300_000);

  it('the first verify records the manifest, "recorded now, not at save time"', async () => {
    const first = await shelfCli(home, ['verify', 'llm:v1']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('recorded now, not at save time');
    const again = await shelfCli(home, ['verify', 'llm:v1', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ intact: 1, versions: [{ tag: 'llm:v1', state: 'intact', atSave: false }] });
  }, 300_000);
});
