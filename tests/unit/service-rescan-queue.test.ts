import { describe, expect, it } from 'vitest';
import { createRescanQueue } from '../../src-main/service/index.ts';

describe('rescan queue', () => {
  it('runs passes one at a time and folds names requested meanwhile into the next pass', async () => {
    const passes: string[][] = [];
    let release!: () => void;
    const firstPass = new Promise<void>((resolve) => (release = resolve));
    let pushes = 0;
    const queue = createRescanQueue({
      scanAll: () => Promise.resolve(true),
      scanNames: async (names) => {
        passes.push([...names]);
        if (passes.length === 1) await firstPass;
        return names.includes('changed');
      },
      onChanged: () => (pushes += 1),
      log: () => undefined,
    });
    const a = queue.request(['a']);
    await Promise.resolve();
    const b = queue.request(['b', 'changed']);
    const c = queue.request(['b', 'c']);
    release();
    await Promise.all([a, b, c]);
    expect(passes).toEqual([['a'], ['b', 'changed', 'c']]);
    expect(pushes).toBe(1);
  });

  it('falls back to a full scan when a name cannot be scanned, and never rejects', async () => {
    const logged: string[] = [];
    let full = 0;
    const queue = createRescanQueue({
      scanAll: () => {
        full += 1;
        return full === 2 ? Promise.reject(new Error('disk gone')) : Promise.resolve(false);
      },
      scanNames: () => Promise.reject(new Error('not a name')),
      onChanged: () => undefined,
      log: (m) => logged.push(m),
    });
    await queue.request(['.staging']);
    await expect(queue.request(['x'])).resolves.toBeUndefined();
    expect(full).toBe(2);
    expect(logged.length).toBe(3);
  });

  it('calls afterFullScan once after each full pass, after its snapshot, and never after a pass over names', async () => {
    const events: string[] = [];
    let release!: () => void;
    const firstPass = new Promise<void>((resolve) => (release = resolve));
    let fullPasses = 0;
    const queue = createRescanQueue({
      scanAll: async () => {
        fullPasses += 1;
        events.push('scan all');
        if (fullPasses === 1) await firstPass;
        return true;
      },
      scanNames: (names) => {
        events.push(`scan ${names.join(',')}`);
        return names.includes('broken') ? Promise.reject(new Error('not a name')) : Promise.resolve(true);
      },
      onChanged: () => events.push('push'),
      afterFullScan: () => events.push('reduce'),
      log: () => undefined,
    });
    const first = queue.request('all');
    await Promise.resolve();
    // Asked for while the first full pass runs: folded into ONE next full pass (one burst, one reduce).
    const again = [queue.request('all'), queue.request(['a']), queue.request('all')];
    release();
    await Promise.all([first, ...again]);
    await queue.request(['a', 'b']);
    await queue.request(['broken']); // falls back to a full pass: a burst too
    expect(events).toEqual(['scan all', 'push', 'reduce', 'scan all', 'push', 'reduce', 'scan a,b', 'push', 'scan broken', 'scan all', 'push', 'reduce']);
  });
});
