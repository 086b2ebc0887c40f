// Pushes wait until the renderer has said `app:ready` (its listeners exist), then flow in order.
// While waiting only the newest snapshot / status / progress per task is kept: older ones are
// superseded and a 10,000-version snapshot is not worth queueing twice.
import type { PushChannel, PushMap } from '../shared/ipc-contract.ts';

export type PushSink = <P extends PushChannel>(channel: P, payload: PushMap[P]) => void;

interface Queued {
  readonly key: string | null;
  readonly send: () => void;
}

export interface PushQueue {
  readonly push: PushSink;
  /** Flushes what is queued (in order) and sends everything after this directly. */
  markReady(): void;
  isReady(): boolean;
  /** Runs `fn` once what is pushed so far has been delivered: now if ready, else after markReady's flush. */
  afterDelivery(fn: () => void): void;
}

function coalesceKey<P extends PushChannel>(channel: P, payload: PushMap[P]): string | null {
  if (channel === 'store:changed' || channel === 'watcher:status') return channel;
  if (channel === 'task:progress') return `${channel}:${(payload as PushMap['task:progress']).taskId}`;
  return null;
}

export function createPushQueue(sink: PushSink): PushQueue {
  let ready = false;
  let queue: Queued[] = [];
  let waiting: (() => void)[] = [];
  return {
    push(channel, payload) {
      if (ready) return sink(channel, payload);
      const key = coalesceKey(channel, payload);
      if (key !== null) queue = queue.filter((entry) => entry.key !== key);
      queue.push({ key, send: () => sink(channel, payload) });
    },
    markReady() {
      if (ready) return;
      ready = true;
      const pending = queue;
      queue = [];
      for (const entry of pending) entry.send();
      const after = waiting;
      waiting = [];
      for (const fn of after) fn();
    },
    isReady: () => ready,
    afterDelivery(fn) {
      if (ready) fn();
      else waiting.push(fn);
    },
  };
}
