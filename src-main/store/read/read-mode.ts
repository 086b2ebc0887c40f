// Whether the scan reads its next batch of versions with synchronous calls (warm cache: several
// times less CPU) or parallel promise calls (cold cache or a network disk: the disk is the limit).
// Decided after each synchronous batch by the scanning thread's blocking waits (scan.ts).

/** Synchronous batches over the limit in a row before the scan goes parallel. */
export const SWITCH_AFTER = 2;

export interface ReadMode {
  readonly parallel: boolean;
  /** Synchronous batches in a row that were over the limit. */
  readonly overInARow: number;
}

export const SYNC_START: ReadMode = { parallel: false, overInARow: 0 };

/**
 * The mode after a synchronous batch that was (`over`) or was not over the limit of blocking waits.
 * One batch over it is not enough: on a busy machine the scanning thread also blocks when it waits
 * for V8's garbage-collection helper threads, and such a blip once sent a warm 10,000-version
 * `list` to the promise calls for three quarters of its versions (~40% more CPU). A cold disk is
 * over it batch after batch (about 100 waits a batch). In parallel mode a synchronous probe that is
 * not over the limit goes back to synchronous reads at once.
 */
export function afterSyncBatch(mode: ReadMode, over: boolean): ReadMode {
  if (mode.parallel) return over ? mode : SYNC_START;
  const overInARow = over ? mode.overInARow + 1 : 0;
  return { parallel: overInARow >= SWITCH_AFTER, overInARow };
}
