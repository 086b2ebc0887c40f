// One rule for "being written" (issue 12 defect 1 as a class): a version without model.yaml is
// 'writing' until main says its save was interrupted; complete and broken versions are neither.
import { describe, expect, it } from 'vitest';
import type { WriterState } from '../../src-main/shared/fix-types.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { incompleteTags, writeCounts, writeStateOf } from '../../src-renderer/state/writing-state.ts';

const v = (version: string, status: ModelVersion['status']) => ({ name: 'm', version, tag: `m:${version}`, status }) as ModelVersion;
const w = (tag: string, state: WriterState['state']): WriterState => ({ tag, state, lastChangeMs: 0, quietMs: 0, liveOwner: null });

describe('writing state', () => {
  const versions = [v('ok1', 'ok'), v('brk', 'broken'), v('live', 'incomplete'), v('dead', 'incomplete'), v('asked', 'incomplete')];
  const writers = { 'm:dead': w('m:dead', 'interrupted'), 'm:asked': w('m:asked', 'writing'), 'm:ok1': w('m:ok1', 'interrupted') };

  it('calls an incomplete version writing until main says interrupted, and nothing else either', () => {
    expect(versions.map((x) => writeStateOf(x, writers))).toEqual([null, null, 'writing', 'interrupted', 'writing']);
    expect(writeCounts(versions, writers)).toEqual({ writing: 2, interrupted: 1 });
    expect(writeCounts(versions.slice(0, 2).concat(versions[3]!), writers)).toEqual({ writing: 0, interrupted: 1 });
  });

  it('keys the versions to ask about, once per snapshot', () => {
    expect(incompleteTags(versions)).toBe('m:live\nm:dead\nm:asked');
    expect(incompleteTags([v('ok1', 'ok')])).toBe('');
  });
});
