// Files under a folder whose name is not UTF-8, as verify and dedup see them: the walk joined the
// decoded name (U+FFFD for the bad bytes) into a path that leads nowhere, so such files were left
// out of manifests (a change to them went unreported) and out of dedup. They are walked by their
// bytes now and named as the Files tab names them.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './du-fixtures.ts';
import { tempHome, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => fsp.rm(h, { recursive: true, force: true })));
});

const cafe = (versionDir: string): Buffer => Buffer.concat([Buffer.from(`${versionDir}${path.sep}caf`), Buffer.from([0xe9])]);
const inCafe = (versionDir: string, name: string): Buffer => Buffer.concat([cafe(versionDir), Buffer.from(`${path.sep}${name}`)]);

/** iris:v1 and iris:v2, each with `caf\xe9/big.bin` (the same 5000 bytes) and w.bin. */
async function store(): Promise<{ home: string; v1: string; v2: string }> {
  const home = await tempHome('shelf-non-utf8-integrity-');
  homes.push(home);
  const v1 = await writeVersion(home, 'iris', 'v1', { creationTime: '2025-03-14T09:26:01.000000+00:00', files: { 'w.bin': 'one' } });
  const v2 = await writeVersion(home, 'iris', 'v2', { creationTime: '2025-03-14T09:26:02.000000+00:00', files: { 'w.bin': 'two' } });
  await writeLatestFile(home, 'iris', 'v2');
  for (const v of [v1, v2]) {
    await fsp.mkdir(cafe(v));
    await fsp.writeFile(inCafe(v, 'big.bin'), Buffer.alloc(5000, 7));
  }
  return { home, v1, v2 };
}

describe('verify and dedup under a folder whose name is not UTF-8', () => {
  it('verify records such a file and reports it changed by its shown name', { timeout: 120_000 }, async () => {
    const { home, v1 } = await store();
    const first = await cli(['--home', home, 'verify', 'iris:v1', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ versions: [{ tag: 'iris:v1', state: 'recorded', files: 3, bytes: 5000 + 3 + (await fsp.stat(path.join(v1, 'model.yaml'))).size }] });
    await fsp.writeFile(inCafe(v1, 'big.bin'), Buffer.alloc(5000, 8));
    const again = await cli(['--home', home, 'verify', 'iris:v1', '--json']);
    expect(again.code).toBe(3); // something changed
    expect(JSON.parse(again.stdout)).toMatchObject({ versions: [{ tag: 'iris:v1', state: 'changed', changed: ['caf\uFFFD/big.bin'], missing: [], appeared: [] }] });
  });

  it('dedup links such twins', { timeout: 120_000 }, async () => {
    const { home, v1, v2 } = await store();
    const run = await cli(['--home', home, 'dedup', '--json'], { env: { MODEL_SHELF_DEDUP_METHOD: 'hardlink' } });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: 1, frees: 5000 });
    const [a, b] = await Promise.all([fsp.stat(inCafe(v1, 'big.bin')), fsp.stat(inCafe(v2, 'big.bin'))]);
    expect(a.ino).toBe(b.ino);
  });
});
