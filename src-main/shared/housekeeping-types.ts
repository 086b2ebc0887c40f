// What `du` and `prune` answer (issue 11 §1, §2): the CLI prints these, the window draws them.
// Every byte figure is an apparent size as `du -sb` counts it: lstat sizes of files, folders and
// links, each hard-linked file (same device and inode) once.

/**
 * One version's share of the disk. `bytes` = `shared` + `frees`, except for a model's only version:
 * deleting it also removes the model's folder and `latest`, and `frees` counts them.
 */
export interface VersionUsage {
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  /** What `du -sb models/<name>/<version>` prints. */
  readonly bytes: number;
  /** Bytes of files also linked from elsewhere (another version, the trash, outside the store): a delete keeps them. */
  readonly shared: number;
  /** What deleting only this version frees on the disk (hard links elsewhere keep their file). */
  readonly frees: number;
}

export interface ModelUsage {
  readonly name: string;
  /** What `du -sb models/<name>` prints (its versions, `latest`, the folder itself). */
  readonly bytes: number;
  readonly shared: number;
  /** What deleting the whole model frees. */
  readonly frees: number;
  /** Versions in version order (code points), as the folder lists them. */
  readonly versions: readonly VersionUsage[];
}

export interface DiskUsage {
  /** The one model asked for, or null for the whole store. */
  readonly name: string | null;
  readonly models: readonly ModelUsage[];
  /**
   * `du -sb models/` (or `du -sb models/<name>/` for one model): a models/ that is a link to another
   * disk is followed; inside it, a model folder that is a link counts as the link (its own figures follow it).
   */
  readonly modelsBytes: number;
  /** `du -sb .model-shelf/trash`: deleted versions kept for undo. */
  readonly trashBytes: number;
  /** `du -sb .model-shelf/staging`: creates in progress and deletes not yet finished. */
  readonly stagingBytes: number;
  /** The three together, each hard-linked file once (`du -sbc models trash staging`'s total). */
  readonly totalBytes: number;
  /** Paths that could not be read (their bytes are missing from the figures). */
  readonly unreadable: readonly string[];
}

export interface PruneRules {
  /** Model names; empty or absent: every model. */
  readonly names?: readonly string[];
  /** Keep the newest N versions of each model (by creation_time). */
  readonly keepLast?: number;
  /** Remove only versions created more than this many milliseconds ago. */
  readonly olderThanMs?: number;
  /** Remove only versions carrying every one of these labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Move to Model Shelf's trash instead of deleting for good. */
  readonly trash?: boolean;
}

/**
 * Why a version stays: protections first (latest, used-by-bento, being-written, broken, locked),
 * then the rules (keep-last, newer, label); `changed` only after a real run, for a planned
 * version that changed before its turn came (it was left alone).
 */
export type PruneKeepReason = 'latest' | 'used-by-bento' | 'being-written' | 'broken' | 'locked' | 'keep-last' | 'newer' | 'label' | 'changed';

export interface PruneRemoval {
  readonly tag: string;
  /** What removing it frees, given that the removals before it in the list are done. */
  readonly bytes: number;
}

export interface PruneKeep {
  readonly tag: string;
  readonly reason: PruneKeepReason;
  /** The reason in words (which bento, which rule, what changed). */
  readonly detail: string;
}

/** A plan (dry run) or what a run did: the same shape, so one can be checked against the other. */
export interface PruneReport {
  /** In the order they are (or were) removed. */
  readonly remove: readonly PruneRemoval[];
  readonly keep: readonly PruneKeep[];
  /** The sum of remove[].bytes. */
  readonly frees: number;
  /** True when the versions go (or went) to the trash: the bytes are freed when it is emptied. */
  readonly trash: boolean;
}

/** A clean-up preview for the window: the plan's report and the id that applies exactly it. */
export interface PrunePreview extends PruneReport {
  readonly planId: string;
}
