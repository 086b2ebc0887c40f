import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Keeps the row at the top of a fixed-height list in place when a store push inserts or removes
 * rows above it (a new version from another program must not push what the user reads away).
 * At the very top the list is left alone, so new rows there come into view.
 */
export function useScrollAnchor(scrollRef: RefObject<HTMLElement | null>, keys: readonly string[], rowHeight: number): void {
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const lastKeys = useRef(keys);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const remember = (): void => {
      const index = Math.floor(el.scrollTop / rowHeight);
      const key = lastKeys.current[index];
      anchor.current = el.scrollTop > 0 && key !== undefined ? { key, offset: el.scrollTop - index * rowHeight } : null;
    };
    el.addEventListener('scroll', remember, { passive: true });
    return () => el.removeEventListener('scroll', remember);
  }, [scrollRef, rowHeight]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    lastKeys.current = keys;
    if (!el || !a) return;
    const index = keys.indexOf(a.key);
    if (index < 0) return;
    const top = index * rowHeight + a.offset;
    if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
  }, [keys, scrollRef, rowHeight]);
}
