// Disk use (store:usage) and duplicates (models:dedup-plan, models:dedup) for the window.
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { TaskProgress } from '../../../src-main/shared/ipc-contract.ts';
import { call, subscribe } from '../bridge.ts';
import { notify, notifyError } from '../actions/notices.ts';
import { reload } from '../actions/store-actions.ts';
import { newTaskId } from '../actions/tasks.ts';
import { count } from '../format.ts';
import { getState } from '../store.ts';
import { hk, setHk, type ColourBy } from './hk-store.ts';

let unsubscribe: (() => void) | null = null;

/** Progress of the tasks this feature starts (dedup plan, verify) arrives on the shared push channel. */
export function listenToProgress(): void {
  if (unsubscribe) return;
  unsubscribe = subscribe('task:progress', (e: TaskProgress) => {
    const s = hk();
    if (s.dedup.taskId === e.taskId) setHk({ dedup: { ...s.dedup, progress: e } });
    const entry = Object.entries(s.verifying).find(([, v]) => v.taskId === e.taskId);
    if (entry) setHk({ verifying: { ...s.verifying, [entry[0]]: { ...entry[1], progress: e } } });
  });
}

export async function refreshUsage(): Promise<void> {
  const result = await call('store:usage', {});
  if (result.ok) setHk({ usage: result.value, usageError: null });
  else setHk({ usageError: result.error });
}

export async function openDiskUse(): Promise<void> {
  listenToProgress();
  setHk({ diskOpen: true, usageError: null });
  await refreshUsage();
  // The duplicates block needs a plan (it hashes only files whose size another file has); one made
  // before the store last changed may name files that are gone, so it is made again.
  const { dedup } = hk();
  if (!dedup.taskId && (!dedup.plan || plannedAt !== revision())) void planDedup();
}

export function closeDiskUse(): void {
  const { dedup } = hk();
  if (dedup.taskId) void call('task:cancel', { taskId: dedup.taskId });
  setHk({ diskOpen: false, dedupConfirm: false });
}

export function setColourBy(colourBy: ColourBy): void {
  setHk({ colourBy });
}

let plannedAt = -1;
const revision = (): number => getState().snapshot?.revision ?? -1;

export async function planDedup(): Promise<void> {
  const taskId = newTaskId();
  plannedAt = revision();
  setHk({ dedup: { taskId, progress: null, plan: null, error: null }, dedupConfirm: false });
  const result = await call('models:dedup-plan', { taskId });
  if (hk().dedup.taskId !== taskId) return;
  if (result.ok) setHk({ dedup: { taskId: null, progress: null, plan: result.value, error: null } });
  else setHk({ dedup: { taskId: null, progress: null, plan: null, error: result.error } });
}

export function cancelDedupPlan(): void {
  const { dedup } = hk();
  if (dedup.taskId) void call('task:cancel', { taskId: dedup.taskId });
}

export function askDedup(on: boolean): void {
  setHk({ dedupConfirm: on });
}

export async function runDedup(): Promise<void> {
  const plan = hk().dedup.plan;
  if (!plan) return;
  const taskId = newTaskId();
  setHk({ dedup: { ...hk().dedup, taskId }, dedupConfirm: false });
  const result = await call('models:dedup', { taskId, planId: plan.planId });
  setHk({ dedup: { taskId: null, progress: null, plan: null, error: null } });
  if (!result.ok) {
    notifyError('Linking identical files', result.error);
  } else {
    const r = result.value;
    const skipped = r.skipped.length > 0 ? ` ${count(r.skipped.length, 'file')} changed since the preview and stayed as they were.` : '';
    notify({ kind: 'success', text: `Linked ${count(r.replaced.length, 'identical file')} and freed ${humanSize(r.freed)}.${skipped}` });
  }
  await Promise.all([reload(), refreshUsage()]);
  void planDedup();
}
