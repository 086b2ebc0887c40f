import { humanSize } from '../../../src-main/shared/human-size.ts';
import { call } from '../bridge.ts';
import { getState, setState } from '../store.ts';
import { restoreFromTrash } from './delete.ts';
import { notify, notifyError } from './notices.ts';
import { reload } from './store-actions.ts';

export async function openTrash(): Promise<void> {
  setState({ trashOpen: true, trashLoading: true, trashError: null, trashSelected: [], confirmEmpty: false });
  await refreshTrash();
}

export async function refreshTrash(): Promise<void> {
  const result = await call('trash:list', undefined);
  if (result.ok) {
    const ids = new Set(result.value.map((e) => e.id));
    setState({ trashEntries: result.value, trashLoading: false, trashSelected: getState().trashSelected.filter((i) => ids.has(i)) });
  } else setState({ trashLoading: false, trashError: result.error });
}

export function closeTrash(): void {
  setState({ trashOpen: false, confirmEmpty: false });
}

export function toggleTrashEntry(id: string, on: boolean): void {
  const sel = getState().trashSelected.filter((x) => x !== id);
  setState({ trashSelected: on ? [...sel, id] : sel });
}

export function setAllTrashSelected(on: boolean): void {
  setState({ trashSelected: on ? getState().trashEntries.map((e) => e.id) : [] });
}

export async function restoreEntries(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (await restoreFromTrash(ids)) await refreshTrash();
}

export function askEmptyTrash(on: boolean): void {
  setState({ confirmEmpty: on });
}

export async function emptyTrash(): Promise<void> {
  const result = await call('trash:empty', undefined);
  setState({ confirmEmpty: false });
  if (!result.ok) {
    notifyError('Emptying the trash', result.error);
    return;
  }
  notify({ kind: 'success', text: `Emptied the trash and freed ${humanSize(result.value.freed)}` });
  await refreshTrash();
  await reload();
}
