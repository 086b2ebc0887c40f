import { call } from '../bridge.ts';
import { deletedSentence, type EmptiedModel } from '../delete-words.ts';
import { selectActionable, selectGroup, selectVersion } from '../selectors.ts';
import { getState, setState, type AppState } from '../store.ts';
import { notify, notifyError, UNDO_MS } from './notices.ts';
import { checkRepair, reload } from './store-actions.ts';
import { rememberListOrder } from './selection.ts';
import { writeStateOf } from '../writing-state.ts';

export type DeleteScopeKind = 'versions' | 'names';

/** Opens the confirmation for the selected versions, or for the selected names (whole models). */
export async function requestDelete(kind: DeleteScopeKind, only?: readonly string[]): Promise<void> {
  const s = getState();
  // Only what the screen shows: a model or version hidden by search or filters is never deleted.
  const shown = selectActionable(s);
  let tags: string[];
  let names: string[] = [];
  if (kind === 'names') {
    names = [...shown.names];
    tags = names.flatMap((name) => selectGroup(s, name)?.versions.map((v) => v.tag) ?? []);
  } else {
    // `only`: one version's own button (an interrupted save's Delete), shown on screen too.
    tags = only ? [...only] : [...shown.tags];
  }
  if (tags.length === 0) return;
  const size = tags.reduce((sum, t) => sum + (selectVersion(s, t)?.size ?? 0), 0);
  // An interrupted save (no writer, untouched for long) is not "being written": no warning for it.
  const writing = tags.filter((t) => {
    const v = selectVersion(s, t);
    return v !== undefined && writeStateOf(v, s.writers) === 'writing';
  });
  setState({ deleteRequest: { tags, names, size, writing, emptied: kind === 'versions' ? emptiedModels(s, tags) : [], usage: null, busy: false } });
  const usage = await call('model:usage', { tags });
  const current = getState().deleteRequest;
  if (current && current.tags === tags) setState({ deleteRequest: { ...current, usage: usage.ok ? usage.value : {} } });
}

/** Models (whole, unfiltered) whose every version is in `tags`. */
function emptiedModels(s: AppState, tags: readonly string[]): EmptiedModel[] {
  const chosen = new Set(tags);
  const names = [...new Set(tags.map((t) => selectVersion(s, t)?.name ?? ''))].filter(Boolean);
  return names.flatMap((name) => {
    const all = selectGroup(s, name)?.versions ?? [];
    return all.length > 0 && all.every((v) => chosen.has(v.tag)) ? [{ name, versions: all.length }] : [];
  });
}

export function cancelDelete(): void {
  setState({ deleteRequest: null });
}

export async function confirmDelete(): Promise<void> {
  const req = getState().deleteRequest;
  if (!req || req.busy) return;
  const force = Object.values(req.usage ?? {}).some((b) => b.length > 0);
  setState({ deleteRequest: { ...req, busy: true } });
  rememberListOrder();
  const result = await call('models:delete', { tags: req.tags, force });
  setState({ deleteRequest: null });
  if (!result.ok) {
    notifyError('Delete', result.error);
    return;
  }
  const entries = result.value;
  const size = entries.reduce((sum, e) => sum + e.size, 0);
  const ids = entries.map((e) => e.id);
  notify({
    kind: 'success',
    text: deletedSentence(entries.length, size),
    actions: [{ label: 'Undo', run: () => void restoreFromTrash(ids) }],
    timeout: UNDO_MS,
  });
  await reload();
  // Deleted from the repair list: it shows what is left.
  if (getState().repair) await checkRepair();
}

export async function restoreFromTrash(ids: readonly string[]): Promise<boolean> {
  const result = await call('trash:restore', { ids });
  if (!result.ok) {
    notifyError('Restore', result.error);
    return false;
  }
  const count = result.value.length;
  notify({ kind: 'success', text: `Restored ${count === 1 ? result.value[0]?.tag : `${count} versions`}` });
  await reload();
  return true;
}
