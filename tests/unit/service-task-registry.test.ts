// Tasks under the window's ids (design §3): what a cancel, a reused id and close() can rely on.
import { describe, expect, it } from 'vitest';
import { createTaskRegistry } from '../../src-main/service/index.ts';
import type { TaskProgress } from '../../src-main/shared/ipc-contract.ts';
import { isShelfError } from '../../src-main/shared/errors.ts';

const codeOf = (error: unknown): string => (isShelfError(error) ? error.code : String(error));

/** A task that runs until it is cancelled, then takes `cleanup` more turns to finish (like removing staging). */
function untilCancelled(signal: AbortSignal, log: string[], cleanup = 3): Promise<string> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', async () => {
      for (let i = 0; i < cleanup; i += 1) await new Promise((r) => setImmediate(r));
      log.push('task cleaned up');
      resolve('cancelled');
    });
  });
}

describe('task registry', () => {
  it('a cancel sent right after the run finds the task, even before its first await', async () => {
    const tasks = createTaskRegistry(() => undefined);
    const seen: string[] = [];
    const running = tasks.run('t1', async (task) => {
      await Promise.resolve();
      try {
        task.throwIfCancelled();
        seen.push('went on');
      } catch (error) {
        seen.push(codeOf(error));
        throw error;
      }
    });
    expect(tasks.cancel('t1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen).toEqual(['ABORTED']);
  });

  it('refuses a second task under a running id, leaves the first alone, and frees the id when it ends', async () => {
    const tasks = createTaskRegistry(() => undefined);
    let finish: (v: string) => void = () => undefined;
    const first = tasks.run('t1', () => new Promise<string>((r) => (finish = r)));
    await expect(tasks.run('t1', () => Promise.resolve('second'))).rejects.toMatchObject({ code: 'BUSY' });
    expect(tasks.has('t1')).toBe(true);
    finish('first');
    await expect(first).resolves.toBe('first');
    expect(tasks.has('t1')).toBe(false);
    await expect(tasks.run('t1', () => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('cancelling a task that is not running is no error', () => {
    const tasks = createTaskRegistry(() => undefined);
    expect(tasks.cancel('never-started')).toBe(false);
  });

  it('settled() resolves only after every cancelled task has finished cleaning up', async () => {
    const tasks = createTaskRegistry(() => undefined);
    const log: string[] = [];
    const a = tasks.run('a', (task) => untilCancelled(task.signal, log, 2));
    const b = tasks.run('b', (task) => untilCancelled(task.signal, log, 5));
    tasks.cancelAll();
    await tasks.settled();
    log.push('settled');
    expect(log).toEqual(['task cleaned up', 'task cleaned up', 'settled']);
    await expect(Promise.all([a, b])).resolves.toEqual(['cancelled', 'cancelled']);
  });

  it('progress goes out under the task id, whatever id the store gave its own event', async () => {
    const sent: TaskProgress[] = [];
    const tasks = createTaskRegistry((p) => sent.push(p));
    await tasks.run('task-42', (task) => {
      task.onProgress({ id: 'export-1a2b', phase: 'compressing', bytesDone: 5, bytesTotal: 10, current: 'weights.bin' });
      task.onProgress({ id: 'export-1a2b', phase: 'done', bytesDone: 10, bytesTotal: 10 });
      return Promise.resolve();
    });
    expect(sent).toEqual([
      { taskId: 'task-42', phase: 'compressing', bytesDone: 5, bytesTotal: 10, current: 'weights.bin' },
      { taskId: 'task-42', phase: 'done', bytesDone: 10, bytesTotal: 10 },
    ]);
  });
});
