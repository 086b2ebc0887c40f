// Running creates, exports and imports by the id the window gave them (design §3), so that
// `task:cancel` reaches exactly that task and its progress pushes carry the same id.
import { ShelfError } from '../shared/errors.ts';
import type { TaskId, TaskProgress } from '../shared/ipc-contract.ts';
import type { ProgressEvent } from '../shared/model-types.ts';

export interface RunningTask {
  readonly id: TaskId;
  readonly signal: AbortSignal;
  /** Hands the store's progress to the window as `task:progress`, keyed by this task's id. */
  readonly onProgress: (event: ProgressEvent) => void;
  /** Throws ABORTED once the task was cancelled: call it between steps that cannot be undone. */
  throwIfCancelled(): void;
}

export interface TaskRegistry {
  /**
   * Runs `fn` as the task `id`. The task is registered before this returns, so a `task:cancel`
   * sent right after the request that started it (IPC keeps their order) always finds it.
   */
  run<T>(id: TaskId, fn: (task: RunningTask) => Promise<T>): Promise<T>;
  /** A task that is not running (it just finished, or never started) is not an error. */
  cancel(id: TaskId): boolean;
  cancelAll(): void;
  has(id: TaskId): boolean;
  /** Resolves when every task running now has settled (close: staging is gone before it returns). */
  settled(): Promise<void>;
}

interface Entry {
  readonly controller: AbortController;
  /** Settles (never rejects) when the task is over. */
  done: Promise<void>;
}

export const cancelledError = (): ShelfError => new ShelfError('ABORTED', 'The operation was cancelled; nothing was written.');

/** The store numbers its own events (session, export, import ids); the window knows only its task id. */
export function taskProgress(taskId: TaskId, event: ProgressEvent): TaskProgress {
  const { phase, bytesDone, bytesTotal, current } = event;
  return current === undefined ? { taskId, phase, bytesDone, bytesTotal } : { taskId, phase, bytesDone, bytesTotal, current };
}

export function createTaskRegistry(sendProgress: (progress: TaskProgress) => void): TaskRegistry {
  const running = new Map<TaskId, Entry>();
  return {
    run(id, fn) {
      if (running.has(id)) {
        return Promise.reject(new ShelfError('BUSY', 'A task with this id is already running. Wait for it to finish or cancel it.'));
      }
      const controller = new AbortController();
      const task: RunningTask = {
        id,
        signal: controller.signal,
        onProgress: (event) => sendProgress(taskProgress(id, event)),
        throwIfCancelled: () => {
          if (controller.signal.aborted) throw cancelledError();
        },
      };
      const entry: Entry = { controller, done: Promise.resolve() };
      running.set(id, entry);
      const result = (async () => fn(task))().finally(() => {
        if (running.get(id) === entry) running.delete(id);
      });
      entry.done = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    cancel(id) {
      const entry = running.get(id);
      entry?.controller.abort();
      return entry !== undefined;
    },
    cancelAll() {
      for (const entry of running.values()) entry.controller.abort();
    },
    has: (id) => running.has(id),
    async settled() {
      await Promise.all([...running.values()].map((entry) => entry.done));
    },
  };
}
