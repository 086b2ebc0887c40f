import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { bentomlVersion, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// A create killed with SIGKILL at any moment leaves models/ as it was, or with the one new
// version complete; never anything partial. The next repair reclaims the staging it left.

const CHILD = fileURLToPath(new URL('./fixtures/create-child.ts', import.meta.url));
// Milliseconds after the child reported `begin` (its staging exists, the copy starts).
const RUNS = [0, 60, 200, 450, 900];

let t: TempStore;
let sourceListing: string[];
beforeAll(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'crashy', 'base', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'w' });
  await fsp.writeFile(path.join(t.home, 'models', 'crashy', 'latest'), 'base');
  const payload = path.join(t.src, 'payload');
  // 200 MiB of real data in one file plus 300 small files.
  const chunk = randomBytes(1024 * 1024);
  const handle = await fsp.open(path.join(payload, 'big.bin'), 'w').catch(async () => {
    await fsp.mkdir(payload, { recursive: true });
    return fsp.open(path.join(payload, 'big.bin'), 'w');
  });
  for (let i = 0; i < 200; i++) await handle.write(chunk);
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
  const child = spawn(process.execPath, [CHILD, t.home, 'crashy', '1', path.join(t.src, 'payload')], { stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('SIGKILL during a large create', () => {
  it.each(RUNS)('killed after %i ms: models/ is unchanged or holds one complete version', async (delay) => {
    const before = await treeListing(path.join(t.home, 'models'));
    const out = await runAndKill(delay === 0 ? 0 : delay + Math.floor(Math.random() * 50));
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

    const report = await t.store.repair();
    expect(report.problems.filter((p) => p.kind !== 'orphaned-staging' && !p.kind.startsWith('latest'))).toEqual([]);
    // Killed right after begin, in the middle of the copy: its staging is an orphan.
    if (delay === 0) expect(report.problems.some((p) => p.kind === 'orphaned-staging')).toBe(true);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});
