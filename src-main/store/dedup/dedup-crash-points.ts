import { channel } from 'node:diagnostics_channel';

// Dedup's moments worth killing it at, published on the store's crash-point channel
// (paths/crash-points.ts explains why crash tests stop a writer at a named step).

export type DedupCrashPoint =
  /** link-replace.ts: the link (or clone) is in staging, not yet renamed over the copy. */
  'dedup-linked'
  /** link-replace.ts: one file is replaced, the next not yet begun. */
  | 'dedup-replaced';

const crashChannel = channel('model-shelf:crash-point');

export function dedupCrashPoint(name: DedupCrashPoint): void {
  if (crashChannel.hasSubscribers) crashChannel.publish(name);
}
