import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ownerHost } from '../../src-main/store/paths/owner-id.ts';
import { bentomlVersion, exists, tempStore, type TempStore } from './fixtures/temp-store.ts';

// Issue 8 item 4: a kill during `export` left `.<name>.<hex>.partial` beside the target and
// nothing ever removed it. The partial now names its owner (host and pid): the next export into
// that folder removes a dead owner's partial and never a live one's, and `repair` of the store
// reports and removes what a killed export of it left, wherever it was writing.

const CHILD = fileURLToPath(new URL('./fixtures/export-child.ts', import.meta.url));
// A sparse file: no disk used, and far more than an export can read before the test kills it,
// so the kill always lands while the partial is being written (no timing involved).
const HUGE = 64 * 1024 ** 3;

let t: TempStore;
let state: string;
let out: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  t = await tempStore();
  state = path.join(t.src, 'state');
  out = path.join(t.src, 'out');
  await fsp.mkdir(out);
  vi.stubEnv('XDG_STATE_HOME', state);
  await bentomlVersion(t.home, 'huge', 'v1', '2025-01-01T00:00:00.000000+00:00');
  const handle = await fsp.open(path.join(t.home, 'models', 'huge', 'v1', 'weights.bin'), 'w');
  await handle.truncate(HUGE);
  await handle.close();
  await bentomlVersion(t.home, 'small', 'v1', '2025-01-01T00:00:00.000000+00:00', { 'w.txt': 'small weights' });
  for (const name of ['huge', 'small']) await fsp.writeFile(path.join(t.home, 'models', name, 'latest'), 'v1');
});
afterEach(async () => {
  for (const child of children.splice(0)) await kill(child);
  vi.unstubAllEnvs();
  await t.cleanup();
});

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Starts exporting the huge model into `dir` in a child; resolves once its partial is on disk. */
async function exportUntilPartial(dir = out): Promise<{ child: ChildProcess; partial: string }> {
  const child = spawn(process.execPath, [CHILD, t.home, 'huge:v1', dir], { env: { ...process.env, XDG_STATE_HOME: state }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // A bound for a broken build only; a working export shows its partial long before.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const name = (await fsp.readdir(dir)).find((n) => n.endsWith('.partial') && n.includes(`-${child.pid}-`));
    if (name !== undefined) return { child, partial: path.join(dir, name) };
    if (child.exitCode !== null) throw new Error(`the export child ended before writing its partial: ${stderr}`);
    if (Date.now() > deadline) throw new Error('the export child wrote no partial file within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const notes = (): Promise<string[]> => fsp.readdir(path.join(state, 'model-shelf', 'exports')).catch(() => []);

describe('the partial file of a killed export', () => {
  it('is removed by the next export into that folder; a live export\'s partial is left alone', async () => {
    const killed = await exportUntilPartial();
    expect(path.basename(killed.partial)).toMatch(new RegExp(`^\\.export-${ownerHost().replace(/\./g, '\\.')}-${killed.child.pid}-[0-9a-f]+\\.huge-v1\\.bentomodel\\.partial$`));
    await kill(killed.child);
    expect(await exists(killed.partial)).toBe(true);

    const live = await exportUntilPartial();
    // A partial of this (live) process, as an export running here would have.
    const ours = path.join(out, `.export-${ownerHost()}-${process.pid}-abcdef.small-v1.bentomodel.partial`);
    await fsp.writeFile(ours, 'being written');

    const file = await t.store.export('small:v1', out);
    expect(file).toBe(path.join(out, 'small-v1.bentomodel'));
    expect(await exists(killed.partial)).toBe(false);
    expect(await exists(live.partial)).toBe(true);
    expect(await exists(ours)).toBe(true);

    // Once that export is killed too, the next export here removes its partial as well.
    await kill(live.child);
    await t.store.export('small:v1', path.join(out, 'again.tar'));
    expect((await fsp.readdir(out)).sort()).toEqual([path.basename(ours), 'again.tar', 'small-v1.bentomodel'].sort());
    // The notes the children kept in the user's state folder went with their partials.
    expect(await notes()).toEqual([]);
  });

  it('is reported by repair --dry-run (left on disk) and removed by repair; a live export\'s is not reported', async () => {
    const killed = await exportUntilPartial();
    await kill(killed.child);
    // Elsewhere: an export into `out` would reclaim the killed one's partial itself.
    const elsewhere = path.join(t.src, 'elsewhere');
    await fsp.mkdir(elsewhere);
    const live = await exportUntilPartial(elsewhere);

    const dry = await t.store.repair({ dryRun: true });
    const found = dry.problems.filter((p) => p.path.endsWith('.partial'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: killed.partial, safeToFix: true, fix: 'Remove it; that export never completed.' });
    expect(found[0]?.message).toBe(
      `${killed.partial} is the unfinished archive of an export of this store, left by a Model Shelf process (pid ${killed.child.pid}) that is no longer running.`,
    );
    expect(await exists(killed.partial)).toBe(true);
    expect(await notes()).toHaveLength(2);

    const report = await t.store.repair();
    expect(report.problems.find((p) => p.path === killed.partial)?.fix).toBe(`Removed ${killed.partial}.`);
    expect(report.fixed).toContain(`Removed ${killed.partial}.`);
    expect(await exists(killed.partial)).toBe(false);
    expect(await exists(live.partial)).toBe(true);
    expect(await notes()).toHaveLength(1); // the live export's
    await kill(live.child);
  });

  it('fits in a file name: an export to a name of 250 bytes still works', async () => {
    // The old `.<name>.<hex>.partial` was 18 bytes longer than the target: ENAMETOOLONG here.
    const target = path.join(out, `${'m'.repeat(239)}.bentomodel`);
    expect(await t.store.export('small:v1', target)).toBe(target);
    expect(await fsp.readdir(out)).toEqual([path.basename(target)]);
  });
});
