import type { ProgressEvent } from '../../../src-main/shared/model-types.ts';

export type TaskKind = 'create' | 'export' | 'import';

export interface Task {
  /** Progress id once known (create: the session id; export/import: from the first event). */
  readonly id: string | null;
  /** Local key, stable from the moment the task starts. */
  readonly key: string;
  readonly kind: TaskKind;
  readonly label: string;
  readonly startedAt: number;
  readonly progress: ProgressEvent | null;
  /** Bytes per second, smoothed. */
  readonly speed: number;
  readonly lastAt: number;
}

export interface TasksSlice {
  tasks: readonly Task[];
}

export const initialTasks = (): TasksSlice => ({ tasks: [] });
