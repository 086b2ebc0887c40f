// What the window learns about a version folder without model.yaml, and the per-problem fixes.

/** 'writing': a live lock owner or a recent change; 'interrupted': untouched for long with no live owner. */
export interface WriterState {
  readonly tag: string;
  readonly state: 'writing' | 'interrupted' | 'complete';
  /** Newest modification time in the folder (epoch ms). */
  readonly lastChangeMs: number;
  /** How long nothing has changed in it (ms). */
  readonly quietMs: number;
  /** The Model Shelf process holding the name's lock, when one is alive. */
  readonly liveOwner: { readonly pid: number; readonly host: string } | null;
}

/**
 * One problem's fix, chosen by the person in the window:
 * - 'move-aside': move `models/<name>/<version>` or a stray `models/<dir>` to
 *   `<home>/.model-shelf/moved-aside/` (nothing is deleted; BentoML lists again);
 * - 'fix-latest': point `models/<name>/latest` at the newest readable version.
 * Deleting a version goes through the ordinary delete (to the trash).
 */
export type FixAction = 'move-aside' | 'fix-latest';

export interface FixResult {
  /** One sentence: what was done. */
  readonly done: string;
  /** Where a moved folder is now. */
  readonly movedTo?: string;
}
