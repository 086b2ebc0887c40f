// One place for what a menu item or a shortcut does, so both behave the same.
import type { MenuCommand } from '../../../src-main/shared/ipc-contract.ts';
import { call } from '../bridge.ts';
import { selectActionable } from '../selectors.ts';
import { getState } from '../store.ts';
import { openCreate } from './create-model.ts';
import { requestDelete } from './delete.ts';
import { exportActive, importFiles } from './io.ts';
import { notifyError } from './notices.ts';
import { openStore, reload } from './store-actions.ts';

/** Which list the user last worked in: Delete removes whole models there, versions elsewhere. */
let lastPane: 'models' | 'versions' = 'versions';
export function setLastPane(pane: 'models' | 'versions'): void {
  lastPane = pane;
}

export const SEARCH_INPUT_ID = 'model-search';

export function focusSearch(): void {
  const el = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
  el?.focus();
  el?.select();
}

export async function revealActive(): Promise<void> {
  const tag = selectActionable(getState()).tag;
  if (!tag) return;
  const result = await call('model:reveal', { tag });
  if (!result.ok) notifyError(`Showing ${tag}`, result.error);
}

/** True while a modal surface owns the keyboard (global shortcuts stay quiet). */
export function modalOpen(): boolean {
  const s = getState();
  return s.deleteRequest !== null || s.importOffer !== null || s.repair !== null || s.trashOpen || s.fixConfirm !== null || s.noticeLogOpen;
}

export function runCommand(cmd: MenuCommand): void {
  if (modalOpen() && cmd !== 'reload') return;
  switch (cmd) {
    case 'new-model':
      openCreate();
      return;
    case 'import':
      void importFiles();
      return;
    case 'export':
      void exportActive();
      return;
    case 'delete':
      // The create sheet owns the window's right side and blocks the model list: no delete under it.
      if (getState().createOpen) return;
      void requestDelete(lastPane === 'models' ? 'names' : 'versions');
      return;
    case 'reveal':
      void revealActive();
      return;
    case 'reload':
      void reload();
      return;
    case 'open-store':
      void openStore();
      return;
    case 'find':
      focusSearch();
      return;
  }
}
