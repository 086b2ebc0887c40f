import type { TaskId, TaskProgress } from '../../../src-main/shared/ipc-contract.ts';

export type TaskKind = 'create' | 'export' | 'import' | 'push' | 'pull';

export interface Task {
  /** Chosen here when the task starts; its progress pushes and its Cancel carry it (design §3). */
  readonly id: TaskId;
  readonly kind: TaskKind;
  readonly label: string;
  readonly startedAt: number;
  readonly progress: TaskProgress | null;
  /** Bytes per second, smoothed. */
  readonly speed: number;
  readonly lastAt: number;
  /** Cancel was pressed; main is still undoing (a transfer waits for its requests in flight). */
  readonly cancelling?: boolean;
  /** A bulk task's versions in order: progress whose `current` is one of them reads "k of N". */
  readonly steps?: readonly string[];
}

export interface TasksSlice {
  tasks: readonly Task[];
}

export const initialTasks = (): TasksSlice => ({ tasks: [] });
