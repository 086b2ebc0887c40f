// Issue 12 defects 1 and 8: what to do about a version without model.yaml and about each problem
// repair finds, in the window, each fix confirmed first.
import type { FixAction } from '../../../src-main/shared/fix-types.ts';
import type { StoreProblem } from '../../../src-main/shared/model-types.ts';
import { call } from '../bridge.ts';
import { getState, setState } from '../store.ts';
import { notify, notifyError } from './notices.ts';
import { checkRepair } from './store-actions.ts';

/** Asks main whether each of `tags` (versions without model.yaml) is being written or was interrupted. */
export async function refreshWriters(tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const result = await call('version:writer', { tags });
  if (!result.ok) return;
  const writers = { ...getState().writers };
  for (const w of result.value) writers[w.tag] = w;
  setState({ writers });
}

export const MOVED_ASIDE = '.model-shelf/moved-aside';

export function askMoveAside(rel: string, what: string): void {
  setState({
    fixConfirm: {
      title: 'Move aside',
      question: `Move ${what} (${rel}) out of models/ into ${MOVED_ASIDE}/? Nothing is deleted, and BentoML lists this store again.`,
      path: rel,
      action: 'move-aside',
      confirmLabel: 'Move aside',
      busy: false,
    },
  });
}

export function askFixLatest(rel: string, name: string): void {
  setState({
    fixConfirm: {
      title: 'Fix latest',
      question: `Point ${name}/latest at the newest version that can be read (or remove it when none can)? No version is changed.`,
      path: rel,
      action: 'fix-latest',
      confirmLabel: 'Fix latest',
      busy: false,
    },
  });
}

/** The fix each problem kind offers in the window (null: none; a broken version offers Delete). */
export function fixFor(p: StoreProblem): FixAction | 'delete' | null {
  if (p.kind.startsWith('latest-')) return 'fix-latest';
  if (p.kind === 'invalid-directory') return 'move-aside';
  if (p.kind === 'incomplete-version' || p.kind === 'broken-version' || p.kind === 'oversized-model-yaml') return 'delete';
  return null;
}

export function cancelFix(): void {
  setState({ fixConfirm: null });
}

export async function confirmFix(): Promise<void> {
  const ask = getState().fixConfirm;
  if (!ask || ask.busy) return;
  setState({ fixConfirm: { ...ask, busy: true } });
  const result = await call('store:fix', { path: ask.path, action: ask.action });
  setState({ fixConfirm: null });
  if (!result.ok) {
    notifyError(ask.title, result.error);
    return;
  }
  const moved = result.value.movedTo;
  notify({ kind: 'success', text: result.value.done, actions: moved ? [{ label: 'Reveal', run: () => void revealInStore(moved) }] : [] });
  // The repair list, when open, shows what is left.
  if (getState().repair) await checkRepair();
}

/** Shows a folder of the store (relative to the home, or absolute inside it) in the file manager. */
export async function revealInStore(where: string): Promise<void> {
  const result = await call('store:reveal', { path: where });
  if (!result.ok) notifyError('Reveal', result.error);
}
