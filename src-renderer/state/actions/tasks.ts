// Long work the window started (create, export, import), each under a task id chosen here: main's
// progress pushes and task:cancel name the same id, so nothing is matched by guesswork.
import type { TaskId, TaskProgress } from '../../../src-main/shared/ipc-contract.ts';
import { call } from '../bridge.ts';
import type { Task, TaskKind } from '../slices/tasks-slice.ts';
import { getState, setState } from '../store.ts';

const now = (): number => Date.now();

/** A fresh id (main accepts letters, digits, '.', '_' and '-'); getRandomValues needs no secure context. */
export function newTaskId(): TaskId {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `task-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Shows the task (status bar, create sheet) and returns the id to send with its request. */
export function startTask(kind: TaskKind, label: string, steps?: readonly string[]): TaskId {
  const t = now();
  const task: Task = { id: newTaskId(), kind, label, startedAt: t, lastAt: t, progress: null, speed: 0, ...(steps ? { steps } : {}) };
  setState({ tasks: [...getState().tasks, task] });
  return task.id;
}

export function endTask(id: TaskId): void {
  setState({ tasks: getState().tasks.filter((t) => t.id !== id) });
}

/** task:progress push. Progress of a task main started by itself (a file opened from the OS) has no row here. */
export function onProgress(e: TaskProgress): void {
  const tasks = getState().tasks;
  const target = tasks.find((t) => t.id === e.taskId);
  if (!target) return;
  const t = now();
  const seconds = (t - target.startedAt) / 1000;
  // Average since the start: steadier than instant rates, which jump with file boundaries.
  const speed = seconds > 0.25 ? e.bytesDone / seconds : target.speed;
  const updated: Task = { ...target, progress: e, speed, lastAt: t };
  setState({ tasks: tasks.map((x) => (x.id === target.id ? updated : x)) });
}

export async function cancelTask(id: TaskId): Promise<void> {
  // Said at once: undoing a transfer can take a while, and the bar must not look as if Cancel was ignored.
  setState({ tasks: getState().tasks.map((t) => (t.id === id ? { ...t, cancelling: true } : t)) });
  await call('task:cancel', { taskId: id });
}

/** Seconds left at the current speed, or null while unknown. */
export function secondsLeft(task: Task): number | null {
  const p = task.progress;
  if (!p || task.speed <= 0 || p.bytesTotal <= 0) return null;
  return Math.max(0, (p.bytesTotal - p.bytesDone) / task.speed);
}
