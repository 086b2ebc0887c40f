// Issue 12 defect 1 as a class: one rule for "is this version being written?", used by every place
// that shows it (the model row, the version row's badge, the detail's callout, the delete dialog).
// A version without model.yaml is 'writing' until main says its save was interrupted (no live
// writer, untouched for long: store/fix/writer-state.ts); an interrupted save is never shown as
// work in progress (no spinner), but as something to act on (a warning mark).
import type { WriterState } from '../../src-main/shared/fix-types.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';

export type WriteState = 'writing' | 'interrupted' | null;

type Writers = Readonly<Record<string, WriterState>>;

export function writeStateOf(v: ModelVersion, writers: Writers): WriteState {
  if (v.status !== 'incomplete') return null;
  return writers[v.tag]?.state === 'interrupted' ? 'interrupted' : 'writing';
}

/** How many of `versions` are being written, and how many are interrupted saves. */
export function writeCounts(versions: readonly ModelVersion[], writers: Writers): { writing: number; interrupted: number } {
  let writing = 0;
  let interrupted = 0;
  for (const v of versions) {
    const state = writeStateOf(v, writers);
    if (state === 'writing') writing += 1;
    else if (state === 'interrupted') interrupted += 1;
  }
  return { writing, interrupted };
}

let lastVersions: readonly ModelVersion[] | null = null;
let lastKey = '';

/** The tags of every version without model.yaml, '\n'-joined: a stable key for asking main about
 * them. Read in a store selector, so it is computed once per snapshot, not on every keystroke. */
export function incompleteTags(versions: readonly ModelVersion[]): string {
  if (versions === lastVersions) return lastKey;
  let out = '';
  for (const v of versions) if (v.status === 'incomplete') out += out ? `\n${v.tag}` : v.tag;
  lastVersions = versions;
  lastKey = out;
  return out;
}
