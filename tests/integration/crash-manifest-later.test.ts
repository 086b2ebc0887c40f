import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { bentomlVersion, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// `create --manifest later` killed with SIGKILL at any moment (crash.test.ts's pattern): models/
// is as it was, or holds the one new version complete, byte for byte; the manifest folder holds
// nothing for a version that is not there, and for the new one either nothing or a complete
// pending manifest, never a half-written file; the next repair reclaims the staging left behind.

const CHILD = fileURLToPath(new URL('./fixtures/create-child.ts', import.meta.url));
// Milliseconds after the child reported `begin` (its staging exists, the copy starts). The copy
// without a hash is faster than crash.test.ts's, so the kills come sooner.
const RUNS = [0, 20, 60, 150, 300, 600, 1000];

let t: TempStore;
let sourceListing: string[];
beforeAll(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'crashy', 'base', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'w' });
  await fsp.writeFile(path.join(t.home, 'models', 'crashy', 'latest'), 'base');
  const payload = path.join(t.src, 'payload');
  await fsp.mkdir(payload, { recursive: true });
  // 128 MiB in one file (copied by the system `cp`) plus 300 small files.
  const chunk = randomBytes(1024 * 1024);
  const handle = await fsp.open(path.join(payload, 'big.bin'), 'w');
  for (let i = 0; i < 128; i++) await handle.write(chunk);
  await handle.close();
  const small: Record<string, string> = {};
  for (let i = 0; i < 300; i++) small[`files/f${i}.txt`] = `file ${i}\n`.repeat(i);
  await writeFiles(payload, small);
  sourceListing = await treeListing(payload);
});
afterAll(async () => {
  await t.cleanup();
});

function runAndKill(delayMs: number): Promise<string> {
  const child = spawn(process.execPath, [CHILD, t.home, 'crashy', '1', path.join(t.src, 'payload')], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CREATE_CHILD_MANIFEST: 'later' } });
  let out = '';
  let armed = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!armed && out.includes('"begin"')) {
      armed = true;
      if (delayMs === 0) child.kill('SIGKILL');
      else setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  return new Promise((resolve) => child.on('exit', () => resolve(out)));
}

describe('SIGKILL during create --manifest later', () => {
  it.each(RUNS)('killed after %i ms: models/ unchanged or one complete version; its manifest absent or pending, never partial', async (delay) => {
    const before = await treeListing(path.join(t.home, 'models'));
    const out = await runAndKill(delay === 0 ? 0 : delay + Math.floor(Math.random() * 30));
    const after = await treeListing(path.join(t.home, 'models'));
    const added = after.filter((line) => !before.includes(line));
    const newVersions = [...new Set(added.map((l) => l.split('/')[1] ?? '').filter((v) => v !== '' && !v.startsWith('latest')))];
    const removed = before.filter((line) => !after.includes(line) && !line.startsWith('crashy/latest'));
    expect(removed).toEqual([]);
    expect(newVersions.length).toBeLessThanOrEqual(1);
    for (const version of newVersions) {
      const dir = path.join(t.home, 'models', 'crashy', version);
      const listing = (await treeListing(dir)).filter((l) => !l.startsWith('model.yaml'));
      expect(listing).toEqual(['payload/', ...sourceListing.map((l) => `payload/${l}`)]);
      expect(parseModelYaml(await fsp.readFile(path.join(dir, 'model.yaml'), 'utf8')).version).toBe(version);
    }
    if (out.includes('"committed"')) expect(newVersions).toHaveLength(1);

    // Manifests: only for versions that exist; each one a whole file, pending (no hashes).
    const manifests = (await fsp.readdir(path.join(t.home, '.model-shelf', 'manifests', 'crashy')).catch(() => [] as string[])).sort();
    const versions = (await fsp.readdir(path.join(t.home, 'models', 'crashy'))).filter((v) => v !== 'latest' && v !== 'base');
    for (const name of manifests) {
      expect(name.endsWith('.json'), name).toBe(true);
      expect(versions).toContain(name.slice(0, -'.json'.length));
      const m = JSON.parse(await fsp.readFile(path.join(t.home, '.model-shelf', 'manifests', 'crashy', name), 'utf8')) as Record<string, unknown>;
      expect(m).toMatchObject({ format: 'model-shelf-manifest-pending/1', reason: 'later' });
      expect(m).not.toHaveProperty('files');
    }

    const report = await t.store.repair();
    expect(report.problems.filter((p) => p.kind !== 'orphaned-staging' && !p.kind.startsWith('latest'))).toEqual([]);
    if (delay === 0) expect(report.problems.some((p) => p.kind === 'orphaned-staging')).toBe(true);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  }, 120_000);
});
