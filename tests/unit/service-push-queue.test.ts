import { describe, expect, it } from 'vitest';
import { createPushQueue } from '../../src-main/service/index.ts';
import type { PushChannel } from '../../src-main/shared/ipc-contract.ts';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';

const snap = (revision: number) => ({ revision }) as unknown as StoreSnapshot;

describe('push queue', () => {
  it('holds pushes until the renderer is ready, then delivers them in order', () => {
    const delivered: [PushChannel, unknown][] = [];
    const queue = createPushQueue((channel, payload) => delivered.push([channel, payload]));
    queue.push('watcher:status', { state: 'starting', path: '/m' });
    queue.push('store:changed', snap(1));
    queue.push('menu:command', 'import');
    queue.push('store:changed', snap(2));
    queue.push('watcher:status', { state: 'watching', path: '/m' });
    expect(delivered).toEqual([]);
    queue.markReady();
    // The newest snapshot and status only; the menu command kept.
    expect(delivered).toEqual([
      ['menu:command', 'import'],
      ['store:changed', snap(2)],
      ['watcher:status', { state: 'watching', path: '/m' }],
    ]);
    queue.push('store:changed', snap(3));
    queue.push('store:changed', snap(4));
    expect(delivered.slice(3)).toEqual([
      ['store:changed', snap(3)],
      ['store:changed', snap(4)],
    ]);
  });

  it('keeps the latest progress of each task while waiting', () => {
    const delivered: unknown[] = [];
    const queue = createPushQueue((_c, payload) => delivered.push(payload));
    const progress = (taskId: string, bytesDone: number) => ({ taskId, phase: 'copying' as const, bytesDone, bytesTotal: 10 });
    queue.push('task:progress', progress('a', 1));
    queue.push('task:progress', progress('b', 1));
    queue.push('task:progress', progress('a', 5));
    queue.markReady();
    queue.markReady();
    expect(delivered).toEqual([progress('b', 1), progress('a', 5)]);
  });

  it('runs afterDelivery once what was pushed before it has been delivered', () => {
    const events: string[] = [];
    const queue = createPushQueue((_c, payload) => events.push(`push ${(payload as StoreSnapshot).revision}`));
    queue.push('store:changed', snap(1));
    queue.afterDelivery(() => events.push('after'));
    expect(events).toEqual([]);
    queue.markReady();
    expect(events).toEqual(['push 1', 'after']);
    queue.afterDelivery(() => events.push('after, ready'));
    queue.markReady();
    expect(events).toEqual(['push 1', 'after', 'after, ready']);
  });
});
