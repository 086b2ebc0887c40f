// The create sheet's run: one models:create request under a task id chosen here; Cancel is
// task:cancel with that id, and main then writes nothing.
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { InspectedItem, NewModelFields } from '../../../src-main/shared/ipc-contract.ts';
import { call } from '../bridge.ts';
import { checkForm } from '../create-form.ts';
import { describeError } from '../error-words.ts';
import { getState, setState } from '../store.ts';
import { copyText, pythonSnippet } from './clipboard.ts';
import { addItems, resetForm } from './create-form-edit.ts';
import { notify } from './notices.ts';
import { reveal } from './selection.ts';
import { cancelTask, endTask, startTask } from './tasks.ts';
import { dedupOption } from '../housekeeping/settings.ts';

export const NOTHING_WRITTEN = 'Cancelled. Nothing was written.';

export function openCreate(items: readonly InspectedItem[] = []): void {
  setState({ createOpen: true });
  if (items.length) addItems(items);
}

/** Hides the sheet; a running copy goes on in the status bar and the sheet comes back with New model. */
export function closeCreate(): void {
  if (getState().createPhase !== 'editing') {
    setState({ createOpen: false });
    return;
  }
  setState({ createOpen: false, createError: null, createNote: null });
}

/** While the sheet is hidden, its outcome has to reach the user as a notice. */
function reportIfHidden(patch: { createNote?: string | null; createError?: ErrorInfo | null }): void {
  if (getState().createOpen) return;
  if (patch.createNote) notify({ kind: 'info', text: patch.createNote });
  else if (patch.createError) {
    const words = describeError(patch.createError);
    notify({ kind: 'error', text: `Creating the model failed: ${words.headline}`, detail: words.detail, actions: [{ label: 'Show', run: () => openCreate() }] });
  }
}

/** Whether the one dropped folder becomes the model's root (its contents, not the folder itself). */
export function folderIsRoot(items: readonly InspectedItem[], useContents: boolean): boolean {
  return useContents && items.length === 1 && items[0]?.kind === 'directory';
}

/** "Creating iris_clf" (automatic version) or "Creating iris_clf:v2". */
function createLabel(fields: NewModelFields): string {
  return `Creating ${fields.version === undefined ? fields.name : `${fields.name}:${fields.version}`}`;
}

export async function commitCreate(): Promise<void> {
  const s = getState();
  if (s.createPhase !== 'editing') return;
  const check = checkForm(s.form);
  if (!check.args) return;
  const { items, useContents } = s.form;
  const taskId = startTask('create', createLabel(check.args));
  setState({ createPhase: 'running', createTaskId: taskId, createError: null, createNote: null });

  // One request does it all (stage, copy, commit); Cancel is task:cancel with this id.
  const created = await call('models:create', { ...check.args, ...dedupOption(), taskId, paths: items.map((i) => i.path), root: folderIsRoot(items, useContents) });
  const cancelled = getState().createPhase === 'cancelling';
  endTask(taskId);
  if (!created.ok) {
    const patch = cancelled || created.error.code === 'ABORTED' ? { createNote: NOTHING_WRITTEN } : { createError: created.error };
    setState({ createPhase: 'editing', createTaskId: null, ...patch });
    reportIfHidden(patch);
    return;
  }
  // A Cancel that arrived while main was already committing changes nothing: the model exists.
  setState({ createPhase: 'editing', createTaskId: null, createOpen: false });
  resetForm();
  const made = created.value.tag;
  // The active search and filters stay (issue 12): Show in the notice brings the model up anyway.
  reveal(made, { keepFilters: true });
  notify({
    kind: 'success',
    text: `Created ${made}`,
    actions: [
      { label: 'Show', run: () => reveal(made) },
      { label: 'Copy Python', run: () => void copyText(pythonSnippet(made), 'the Python snippet') },
    ],
    timeout: 10_000,
  });
}

export async function cancelCreate(): Promise<void> {
  const s = getState();
  if (s.createPhase !== 'running' || s.createTaskId === null) return;
  setState({ createPhase: 'cancelling' });
  await cancelTask(s.createTaskId);
}
