import { useEffect } from 'react';
import { selectActionable } from '../state/selectors.ts';
import { getState } from '../state/store.ts';
import { copyText } from '../state/actions/clipboard.ts';
import { modalOpen, runCommand } from '../state/actions/commands.ts';
import { closeCreate } from '../state/actions/create-model.ts';

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** Window-wide keys (ux.md "Keys"); list-specific keys live on the lists themselves. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (e.key === 'Escape' && !modalOpen() && getState().createOpen) {
        closeCreate();
        return;
      }
      if (!mod || e.altKey) return;
      const command = ({ f: 'find', n: 'new-model', i: 'import', e: 'export' } as const)[key];
      if (command && !e.shiftKey) {
        e.preventDefault();
        runCommand(command);
        return;
      }
      if (key === 'c' && !inTextField(e.target) && !modalOpen()) {
        // Only when nothing is selected as text: a user copying a path keeps their selection.
        const text = window.getSelection()?.toString() ?? '';
        const tag = selectActionable(getState()).tag; // never a version the search hides
        if (text === '' && tag) {
          e.preventDefault();
          void copyText(tag, tag);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
