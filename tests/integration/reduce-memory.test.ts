// Issue 13, watcher memory: what the service's default reduceMemory does to a real process. In a
// fresh Node process without --expose-gc (as Electron's main runs), a scan-like burst grows V8's
// young generation; reduceMemory gives it back to the system (RSS falls), keeps what is alive,
// does nothing when there is nothing to give back, and leaves no `gc` behind for other code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./fixtures/reduce-memory-child.ts', import.meta.url));

interface Report {
  threshold: number;
  idle: { young: number; reduced: boolean };
  before: { young: number; rss: number };
  reduced: boolean;
  after: { young: number; rss: number };
  again: boolean;
  kept: number;
  globalGc: string;
  newContextGc: string;
}

describe('reduceMemory', () => {
  it('returns the young generation a burst grew to the system, once, and exposes no gc', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [CHILD], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout) as Report;
    // Nothing grown yet: no collection.
    expect(r.idle.young).toBeLessThanOrEqual(r.threshold);
    expect(r.idle.reduced).toBe(false);
    // The burst grew the young generation well past the threshold (the premise of the fix)...
    expect(r.before.young).toBeGreaterThan(4 * r.threshold);
    // ...and reduceMemory gave it back: V8's pages and the process's resident memory.
    expect(r.reduced).toBe(true);
    expect(r.after.young).toBeLessThanOrEqual(r.threshold);
    expect(r.before.rss - r.after.rss).toBeGreaterThan((r.before.young - r.after.young) / 2);
    // Once per burst: right after, there is nothing left to give back.
    expect(r.again).toBe(false);
    expect(r.kept).toBe(400_000);
    // --expose-gc was on only while reduce-memory.ts made its own context.
    expect(r.globalGc).toBe('undefined');
    expect(r.newContextGc).toBe('undefined');
  });
});
