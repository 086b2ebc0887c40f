// The model list shows whether a model has a version being written or an interrupted save, for
// every model, not only the open one: main is asked about every version without model.yaml in the
// store (now, on every change of that set, and each half minute, since a quiet folder becomes an
// interrupted save by time alone). There are few such versions; the key is one string.
import { useEffect } from 'react';
import { refreshWriters } from '../state/actions/fix.ts';
import { useApp } from '../state/store.ts';
import { incompleteTags } from '../state/writing-state.ts';

const EVERY_MS = 30_000;

export function useStoreWriters(): void {
  const key = useApp((s) => incompleteTags(s.snapshot?.versions ?? []));
  useEffect(() => {
    if (!key) return undefined;
    const tags = key.split('\n');
    void refreshWriters(tags);
    const timer = setInterval(() => void refreshWriters(tags), EVERY_MS);
    return () => clearInterval(timer);
  }, [key]);
}
