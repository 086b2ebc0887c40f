// Running adds, exports and imports, by their progress id, so `task:cancel` can abort any of them.
import { randomUUID } from 'node:crypto';

export interface RunningTask {
  readonly id: string;
  readonly signal: AbortSignal;
}

export interface TaskRegistry {
  /** Runs `fn` as a cancellable task; the id is the create session id or a fresh one. */
  run<T>(fn: (task: RunningTask) => Promise<T>, id?: string): Promise<T>;
  cancel(id: string): boolean;
  cancelAll(): void;
  has(id: string): boolean;
}

export function createTaskRegistry(): TaskRegistry {
  const running = new Map<string, AbortController>();
  return {
    async run(fn, id = `task-${randomUUID()}`) {
      const controller = new AbortController();
      running.set(id, controller);
      try {
        return await fn({ id, signal: controller.signal });
      } finally {
        if (running.get(id) === controller) running.delete(id);
      }
    },
    cancel(id) {
      const controller = running.get(id);
      controller?.abort();
      return controller !== undefined;
    },
    cancelAll() {
      for (const controller of running.values()) controller.abort();
    },
    has: (id) => running.has(id),
  };
}
