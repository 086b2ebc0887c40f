// One store session on a real home: start() shows it and follows other programs' writes, stop()
// cancels its tasks and waits for them, then follows nothing; the next session's revisions go on
// rising from where the last one stopped (the window drops a snapshot older than the one it has).
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreSession, type RevisionCounter, type StoreSession } from '../../src-main/service/index.ts';
import type { PushChannel } from '../../src-main/shared/ipc-contract.ts';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { eventually, seedVersion } from './watcher-helpers.ts';

const roots: string[] = [];
const sessions: StoreSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.stop();
  for (const root of roots.splice(0)) await fsp.rm(root, { recursive: true, force: true });
});

async function tempHome(): Promise<{ home: string; models: string }> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'store-session-'));
  roots.push(root);
  const home = path.join(root, 'bentoml');
  const models = path.join(home, 'models');
  await fsp.mkdir(models, { recursive: true });
  return { home, models };
}

function openSession(home: string, revision: RevisionCounter) {
  const pushes: { channel: PushChannel; payload: unknown }[] = [];
  const session = createStoreSession({ home, polling: false, push: (channel, payload) => void pushes.push({ channel, payload }), revision, log: () => undefined });
  sessions.push(session);
  const snapshots = () => pushes.filter((p) => p.channel === 'store:changed').map((p) => p.payload as StoreSnapshot);
  return { session, pushes, snapshots };
}

const tags = (s: StoreSnapshot | undefined) => s?.versions.map((v) => v.tag) ?? [];

describe('store session', () => {
  it('shows the home it was started on, follows a writer, and after stop() follows nothing', { timeout: 120_000 }, async () => {
    const { home, models } = await tempHome();
    await seedVersion(models, 'iris_clf', 'v1', new Date('2025-03-14T08:00:00Z'));
    const revision: RevisionCounter = { current: 0 };
    const first = openSession(home, revision);
    await first.session.start();
    expect(tags(first.snapshots()[0])).toEqual(['iris_clf:v1']);
    expect(first.session.watcherStatus().state).toBe('watching');

    await seedVersion(models, 'bert', 'v1', new Date('2025-03-15T08:00:00Z'));
    await eventually(() => first.snapshots().find((s) => tags(s).includes('bert:v1')), 'bert in the first session');

    await first.session.stop();
    expect(first.session.watcherStatus().state).toBe('stopped');
    const pushedBeforeStop = first.pushes.length;
    const lastRevision = revision.current;

    // A new session on the same home (as after "Open another store"): it sees what was written
    // meanwhile, numbers its snapshots after the old one's, and the stopped one pushes nothing.
    await seedVersion(models, 'gpt', 'v1', new Date('2025-03-16T08:00:00Z'));
    const second = openSession(home, revision);
    await second.session.start();
    expect(tags(second.snapshots()[0]).sort()).toEqual(['bert:v1', 'gpt:v1', 'iris_clf:v1']);
    expect(second.snapshots()[0]?.revision).toBeGreaterThan(lastRevision);
    await seedVersion(models, 'yolo', 'v1', new Date('2025-03-17T08:00:00Z'));
    await eventually(() => second.snapshots().find((s) => tags(s).includes('yolo:v1')), 'yolo in the second session');
    expect(first.pushes.length).toBe(pushedBeforeStop);
  });

  it('stop() cancels the running tasks and returns only once they have settled', { timeout: 60_000 }, async () => {
    const { home } = await tempHome();
    const { session } = openSession(home, { current: 0 });
    await session.start();
    const events: string[] = [];
    const running = session.tasks.run('task-1', (task) => {
      events.push('started');
      return new Promise<void>((resolve, reject) => {
        task.signal.addEventListener('abort', () => {
          // Cleaning up (a staging dir, say) takes a moment: stop() must wait for it.
          setTimeout(() => {
            events.push('cleaned up');
            reject(new Error('cancelled'));
          }, 50);
        });
      });
    });
    const outcome = running.then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.message : 'rejected'),
    );
    await session.stop();
    events.push('stopped');
    expect(events).toEqual(['started', 'cleaned up', 'stopped']);
    expect(await outcome).toBe('cancelled');
    expect(session.tasks.has('task-1')).toBe(false);
  });
});
