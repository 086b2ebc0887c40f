import { describe, expect, it } from 'vitest';
import { afterSyncBatch, SYNC_START, type ReadMode } from '../../src-main/store/read/read-mode.ts';

// The scan's choice between synchronous and parallel reads, fed the batches' verdicts (over the
// limit of blocking waits or not): decided by counting, never by timing.
const run = (overs: readonly boolean[], from: ReadMode = SYNC_START): boolean[] => {
  let mode = from;
  return overs.map((over) => (mode = afterSyncBatch(mode, over)).parallel);
};

describe('scan read mode', () => {
  it('a single batch over the limit (a blip on a busy machine) keeps the synchronous reads', () => {
    expect(run([true])).toEqual([false]);
    expect(run([true, false, true, false, true])).toEqual([false, false, false, false, false]);
  });

  it('batches over the limit in a row (a cold disk) switch to parallel reads', () => {
    expect(run([false, true, true])).toEqual([false, false, true]);
  });

  it('in parallel mode a probe under the limit goes back at once, one over it stays', () => {
    const parallel = afterSyncBatch(afterSyncBatch(SYNC_START, true), true);
    expect(parallel.parallel).toBe(true);
    expect(run([true, true], parallel)).toEqual([true, true]);
    expect(run([false, true, true], parallel)).toEqual([false, false, true]);
  });
});
