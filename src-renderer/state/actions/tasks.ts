import type { ProgressEvent } from '../../../src-main/shared/model-types.ts';
import { call } from '../bridge.ts';
import type { Task, TaskKind } from '../slices/tasks-slice.ts';
import { getState, setState } from '../store.ts';

let nextKey = 1;
const now = (): number => Date.now();

export function startTask(kind: TaskKind, label: string, id: string | null = null): string {
  const key = `t${nextKey++}`;
  const t = now();
  const task: Task = { key, id, kind, label, startedAt: t, lastAt: t, progress: null, speed: 0 };
  setState({ tasks: [...getState().tasks, task] });
  return key;
}

export function setTaskId(key: string, id: string): void {
  setState({ tasks: getState().tasks.map((t) => (t.key === key ? { ...t, id } : t)) });
}

export function endTask(key: string): void {
  setState({ tasks: getState().tasks.filter((t) => t.key !== key) });
}

function guessKind(e: ProgressEvent): TaskKind | null {
  if (e.phase === 'compressing') return 'export';
  if (e.phase === 'extracting') return 'import';
  return null;
}

/** task:progress push. Export/import ids are only learned from their first event. */
export function onProgress(e: ProgressEvent): void {
  const tasks = getState().tasks;
  let target = tasks.find((t) => t.id === e.id);
  if (!target) {
    const kind = guessKind(e);
    target = tasks.find((t) => t.id === null && t.kind !== 'create' && (kind === null || t.kind === kind));
    if (!target) return;
  }
  const t = now();
  const seconds = (t - target.startedAt) / 1000;
  // Average since the start: steadier than instant rates, which jump with file boundaries.
  const speed = seconds > 0.25 ? e.bytesDone / seconds : target.speed;
  const updated: Task = { ...target, id: e.id, progress: e, speed, lastAt: t };
  setState({ tasks: tasks.map((x) => (x.key === target.key ? updated : x)) });
}

export async function cancelTask(key: string): Promise<void> {
  const task = getState().tasks.find((t) => t.key === key);
  if (task?.id) await call('task:cancel', { id: task.id });
}

/** Seconds left at the current speed, or null while unknown. */
export function secondsLeft(task: Task): number | null {
  const p = task.progress;
  if (!p || task.speed <= 0 || p.bytesTotal <= 0) return null;
  return Math.max(0, (p.bytesTotal - p.bytesDone) / task.speed);
}
