// The model list shows whether a model has a version being written or an interrupted save, for
// every model, not only the open one: main is asked about every version without model.yaml in the
// store (now, on every change of that set, and each half minute, since a quiet folder becomes an
// interrupted save by time alone). There are few such versions; the key is one string.
import { useEffect } from 'react';
import { refreshWriters } from '../state/actions/fix.ts';
import { useApp } from '../state/store.ts';
import { incompleteTags } from '../state/writing-state.ts';

const EVERY_MS = 30_000;
/** Tags per request (the channel takes at most 10,000; a store is not expected to come near). */
const CHUNK = 1_000;

function askAll(tags: readonly string[]): void {
  for (let i = 0; i < tags.length; i += CHUNK) void refreshWriters(tags.slice(i, i + CHUNK));
}

export function useStoreWriters(): void {
  const key = useApp((s) => incompleteTags(s.snapshot?.versions ?? []));
  useEffect(() => {
    if (!key) return undefined;
    const tags = key.split('\n');
    askAll(tags);
    const timer = setInterval(() => askAll(tags), EVERY_MS);
    return () => clearInterval(timer);
  }, [key]);
}
