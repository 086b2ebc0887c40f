import type { MenuCommand } from '../../../src-main/shared/ipc-contract.ts';
import type { StoreSnapshot } from '../../../src-main/shared/model-types.ts';
import { call, subscribe } from '../bridge.ts';
import { selectVersion } from '../selectors.ts';
import { getState, setState } from '../store.ts';
import { loadDetail } from './detail.ts';
import { notify, notifyError } from './notices.ts';
import { reconcileSelection } from './selection.ts';
import { onProgress } from './tasks.ts';

/** store:changed and every answer that carries a snapshot land here. */
export function applySnapshot(next: StoreSnapshot): void {
  const prev = getState().snapshot;
  // Revisions rise per service (src-main/service/store-session.ts), also across "Open another store";
  // one that is not newer than what we hold (same store) is old news or the same store twice
  // (start-up gets the queued push and the store:snapshot answer): decoding and re-deriving
  // 10,000 versions again is a long task for nothing. Another home always applies, so a store
  // whose service restarted its count is never ignored.
  if (prev && prev.home === next.home && next.revision <= prev.revision) return;
  const before = selectVersion(getState(), getState().activeTag);
  if (prev && prev.home !== next.home) setState({ activeName: null, activeTag: null, selectedNames: [], selectedTags: [] });
  setState({ snapshot: next, loadError: null });
  reconcileSelection();
  const s = getState();
  const after = selectVersion(s, s.activeTag);
  // The open version was rewritten in place (BentoML filling an incomplete dir): refresh quietly.
  if (after && before && after !== before && (after.size !== before.size || after.status !== before.status || after.creationTime !== before.creationTime)) {
    void loadDetail(after.tag, { quiet: true });
  }
}

let unsubscribers: (() => void)[] = [];

export async function startApp(onMenu: (cmd: MenuCommand) => void): Promise<void> {
  stopApp();
  unsubscribers = [
    subscribe('store:changed', applySnapshot),
    subscribe('task:progress', onProgress),
    subscribe('watcher:status', (watcher) => setState({ watcher })),
    subscribe('menu:command', onMenu),
  ];
  const ready = await call('app:ready', undefined);
  if (ready.ok) setState({ appVersion: ready.value.version, platform: ready.value.platform });
  // app:ready flushes the queued store:changed push before it answers (same IPC pipe, in order),
  // so the store is usually here already; asking again would send the whole store a second time.
  if (!getState().snapshot) await reload();
}

export function stopApp(): void {
  for (const u of unsubscribers) u();
  unsubscribers = [];
}

export async function reload(): Promise<void> {
  const result = await call('store:snapshot', undefined);
  if (result.ok) applySnapshot(result.value);
  else if (getState().snapshot) notifyError('Reading the store', result.error);
  else setState({ loadError: result.error });
}

export async function openStore(): Promise<void> {
  const result = await call('store:open', undefined);
  if (!result.ok) {
    notifyError('Opening the store', result.error);
    return;
  }
  if (result.value) {
    applySnapshot(result.value);
    notify({ kind: 'info', text: `Opened ${result.value.home}` });
  }
}

export async function createStoreFolder(): Promise<void> {
  const result = await call('store:create-folder', undefined);
  if (result.ok) applySnapshot(result.value);
  else notifyError('Creating the store folder', result.error);
}

export async function checkRepair(): Promise<void> {
  setState({ repair: { report: null, busy: true } });
  const result = await call('store:repair', { dryRun: true });
  if (result.ok) setState({ repair: { report: result.value, busy: false } });
  else {
    setState({ repair: null });
    notifyError('Checking the store', result.error);
  }
}

export async function runRepair(): Promise<void> {
  const current = getState().repair;
  setState({ repair: { report: current?.report ?? null, busy: true } });
  const result = await call('store:repair', { dryRun: false });
  setState({ repair: null });
  if (!result.ok) {
    notifyError('Repair', result.error);
    return;
  }
  const fixed = result.value.fixed;
  notify({
    kind: 'success',
    text: fixed.length ? `Repaired ${fixed.length} problem${fixed.length === 1 ? '' : 's'}` : 'Nothing needed repair',
    ...(fixed.length ? { detail: fixed.join(' ') } : {}),
  });
  await reload();
}

export function closeRepair(): void {
  setState({ repair: null });
}
