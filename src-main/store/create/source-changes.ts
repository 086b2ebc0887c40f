import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { PlanEntry } from './plan-copy.ts';

// A source that changes while it is copied (a log still growing, a checkpoint rewritten in
// place) would be stored as a mix of before and after, or copied for as long as it grows
// (issue 8). A copy is kept only if every source still has the identity the plan saw (inode,
// size, modification time; for a folder its inode and modification time, which change when an
// entry appears, goes or is renamed); otherwise the whole add is refused and nothing is saved.
// Refusing rather than truncating to the planned size: a file rewritten in place has the same
// size and would be stored torn, silently.

export type CopyVerb = 'copied' | 'moved';

export function changedError(src: string, verb: CopyVerb): ShelfError {
  return new ShelfError('BUSY', `'${src}' changed while it was being ${verb}; nothing was saved: try again once the program writing it has finished.`);
}

/** Compares `now` with what the plan saw. */
function sameAsPlanned(entry: PlanEntry, now: { ino: number; size: number; mtimeMs: number }): boolean {
  if (now.ino !== entry.ino || now.mtimeMs !== entry.mtimeMs) return false;
  return entry.kind === 'dir' || now.size === entry.size;
}

/** Throws changedError when `now`, the source's stat taken after its copy, is not what the plan saw. */
export function assertStatUnchanged(entry: PlanEntry, now: { ino: number; size: number; mtimeMs: number }, verb: CopyVerb): void {
  if (!sameAsPlanned(entry, now)) throw changedError(entry.src, verb);
}

/** Throws changedError when the source (followed through links, as planned) is not as planned. */
export async function assertUnchanged(entry: PlanEntry, verb: CopyVerb): Promise<void> {
  const now = await fsp.stat(entry.src).catch(() => null);
  if (now === null || !sameAsPlanned(entry, now)) throw changedError(entry.src, verb);
}

/** True when the source no longer exists as planned: a copy error there means the source changed. */
export async function vanished(entry: PlanEntry): Promise<boolean> {
  const now = await fsp.stat(entry.src).catch(() => null);
  return now === null || !sameAsPlanned(entry, now);
}

/**
 * Move mode before the commit: a hard-linked staged file IS its source, so a change made to
 * the source after the link shows here; the model would otherwise store it.
 */
export async function assertLinkedUnchanged(stagingDir: string, entries: readonly PlanEntry[], linked: ReadonlySet<string>): Promise<void> {
  for (const entry of entries) {
    if (entry.kind !== 'file' || !linked.has(entry.rel)) continue;
    const now = await fsp.lstat(path.join(stagingDir, ...entry.rel.split('/'))).catch(() => null);
    if (now === null || !sameAsPlanned(entry, now)) throw changedError(entry.src, 'moved');
  }
}
