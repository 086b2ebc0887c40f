// create:begin -> create:add -> create:commit, with Cancel = task:cancel + create:abort.
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { InspectedItem } from '../../../src-main/shared/ipc-contract.ts';
import { call } from '../bridge.ts';
import { checkForm } from '../create-form.ts';
import { describeError } from '../error-words.ts';
import { getState, setState } from '../store.ts';
import { copyText, pythonSnippet } from './clipboard.ts';
import { addItems, resetForm } from './create-form-edit.ts';
import { notify } from './notices.ts';
import { reveal } from './selection.ts';
import { endTask, startTask } from './tasks.ts';

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

export function useFolderRoot(items: readonly InspectedItem[], useContents: boolean): boolean {
  return useContents && items.length === 1 && items[0]?.kind === 'directory';
}

export async function commitCreate(): Promise<void> {
  const s = getState();
  if (s.createPhase !== 'editing') return;
  const check = checkForm(s.form);
  if (!check.args) return;
  const { items, useContents } = s.form;
  setState({ createPhase: 'running', createError: null, createNote: null });

  const begun = await call('create:begin', check.args);
  if (!begun.ok) {
    setState({ createPhase: 'editing', createError: begun.error });
    return;
  }
  const { sessionId, tag } = begun.value;
  const key = startTask('create', `Creating ${tag}`, sessionId);
  setState({ createSession: sessionId });
  if (getState().createPhase === 'cancelling') {
    await call('create:abort', { sessionId });
    endTask(key);
    setState({ createPhase: 'editing', createSession: null, createNote: NOTHING_WRITTEN });
    reportIfHidden({ createNote: NOTHING_WRITTEN });
    return;
  }
  const finish = (patch: { createNote?: string | null; createError?: ErrorInfo | null; createOpen?: boolean }): void => {
    endTask(key);
    setState({ createPhase: 'editing', createSession: null, ...patch });
    reportIfHidden(patch);
  };

  const added = await call('create:add', { sessionId, paths: items.map((i) => i.path), root: useFolderRoot(items, useContents) });
  const cancelled = getState().createPhase === 'cancelling';
  if (!added.ok || cancelled) {
    await call('create:abort', { sessionId });
    if (cancelled || (!added.ok && added.error.code === 'ABORTED')) finish({ createNote: NOTHING_WRITTEN });
    else finish({ createError: added.ok ? null : added.error });
    return;
  }

  const committed = await call('create:commit', { sessionId });
  if (!committed.ok) {
    await call('create:abort', { sessionId });
    finish({ createError: committed.error });
    return;
  }
  finish({ createOpen: false });
  resetForm();
  const made = committed.value.tag;
  reveal(made);
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
  if (s.createPhase !== 'running') return;
  setState({ createPhase: 'cancelling' });
  // Before create:begin answers there is no session yet; commitCreate checks the phase after it.
  if (s.createSession) await call('task:cancel', { id: s.createSession });
}
