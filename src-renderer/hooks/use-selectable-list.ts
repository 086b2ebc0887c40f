// The model list and the version list behave alike: one virtualized listbox whose rows are
// picked by key (a name or a tag), moved through with the keyboard, and kept in view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { requestDelete } from '../state/actions/delete.ts';
import { collapseSelection, moveName, moveTag, selectAllIn, selectName, selectTag, type SelectMode } from '../state/actions/selection.ts';
import { useScrollAnchor } from './use-scroll-anchor.ts';

/** Which list: whole models ('names') or the versions of the active model ('versions'). */
export type ListKind = 'names' | 'versions';

const OPS = {
  names: { move: moveName, select: selectName },
  versions: { move: moveTag, select: selectTag },
} as const;

export function modeOf(e: MouseEvent | KeyboardEvent): SelectMode {
  return e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'replace';
}

export function selectRow(kind: ListKind, key: string, mode: SelectMode): void {
  OPS[kind].select(key, mode);
}

/** Up/Down/Page/Home/End move (Shift extends), Enter goes on, Delete asks, Ctrl/Cmd+A, Esc. */
export function onListKey(e: KeyboardEvent<HTMLElement>, kind: ListKind, keys: readonly string[], onEnter: () => void): void {
  const { move, select } = OPS[kind];
  const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
  const edge = e.key === 'Home' ? keys[0] : e.key === 'End' ? keys.at(-1) : undefined;
  if (step !== undefined) move(step, e.shiftKey);
  else if (edge !== undefined) select(edge, e.shiftKey ? 'range' : 'replace');
  else if (e.key === 'Enter') onEnter();
  else if (e.key === 'Delete' || (e.key === 'Backspace' && (e.metaKey || e.ctrlKey))) void requestDelete(kind);
  else if (e.key.toLowerCase() === 'a' && (e.metaKey || e.ctrlKey)) selectAllIn(kind);
  else if (e.key === 'Escape' && collapseSelection(kind)) e.stopPropagation();
  else return;
  e.preventDefault();
}

/** Virtualizer + scroll anchor + "follow the active row" for a list of fixed-height rows. */
export function useSelectableList(keys: readonly string[], active: string | null, rowHeight: number, hidden = false) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler would skip this hook (TanStack Virtual's functions change identity without
  // a new object); the app does not run the compiler, and rows are read from it on every render.
  // One key function per list: the virtualizer lays out every row again when it changes, and a
  // search keystroke that keeps the same rows must not cost that (issue 13).
  const getItemKey = useCallback((i: number) => keys[i] ?? i, [keys]);
  // eslint-disable-next-line react-hooks/incompatible-library -- see above; nothing memoizes the virtualizer
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey,
  });
  useScrollAnchor(scrollRef, keys, rowHeight);
  const activeIndex = active ? keys.indexOf(active) : -1;
  // Follow the keyboard, but never on a store push (the active key does not change then), so
  // the scroll position stays where the user left it.
  useEffect(() => {
    if (activeIndex >= 0 && !hidden) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);
  // A list shown again (a pane kept built while a search hid it: `display: none` keeps no scroll
  // position) goes back to the active row, as a newly built one does. Measured here, not by the
  // virtualizer, which learns the list's new height only after this frame's layout.
  const wasHidden = useRef(hidden);
  useLayoutEffect(() => {
    const shownAgain = wasHidden.current && !hidden;
    wasHidden.current = hidden;
    const el = scrollRef.current;
    if (!shownAgain || !el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hidden]);
  return { scrollRef, virtualizer, activeIndex };
}
