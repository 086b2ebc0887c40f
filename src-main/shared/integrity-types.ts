// Integrity (SHA-256 manifests, verify) and duplicates (dedup) as the window and the CLI see them
// (issue 11 §3, §4). Plain data: what crosses IPC and what `--json` prints.

export type IntegrityState = 'intact' | 'changed' | 'recorded' | 'skipped';

/** One version's verify: what differs from its manifest, or that one was recorded now. */
export interface VerifyResult {
  readonly tag: string;
  readonly state: IntegrityState;
  readonly changed: readonly string[];
  readonly missing: readonly string[];
  readonly appeared: readonly string[];
  /** When the manifest compared against was recorded ('' when skipped). */
  readonly recordedAt: string;
  /** False for a manifest recorded after the version was saved (by a verify or a dedup). */
  readonly atSave: boolean;
  /** What recorded that manifest ('' when skipped). */
  readonly recordedBy: 'create' | 'import' | 'dedup' | 'verify' | '';
  readonly files: number;
  readonly bytes: number;
  /** Why a version was skipped. */
  readonly note?: string;
}

/** The integrity of a version for the detail view, from its manifest alone (nothing is hashed). */
export interface IntegrityInfo {
  readonly tag: string;
  /** Null: no manifest yet (saved by BentoML, moved in by `create --move`, or before Model Shelf recorded them); verify records one. */
  readonly manifest: { readonly recordedAt: string; readonly recordedBy: VerifyResult['recordedBy']; readonly atSave: boolean; readonly files: number; readonly bytes: number } | null;
}

/** A version's manifest as recorded, for Compare: every file's size and SHA-256 (nothing is hashed
 * to answer), and which files no longer match it (so their recorded hash says nothing now). */
export interface RecordedManifest {
  readonly tag: string;
  /** Null: the version has no manifest (saved by BentoML, or before Model Shelf recorded them). */
  readonly manifest: {
    readonly recordedAt: string;
    readonly recordedBy: VerifyResult['recordedBy'];
    readonly atSave: boolean;
    readonly files: readonly { readonly path: string; readonly size: number; readonly sha256?: string; readonly link?: string }[];
    /** True when any file is in `staleFiles`. */
    readonly stale: boolean;
    /** Files that appeared, went missing, changed size or link, or were modified after the manifest was written. */
    readonly staleFiles: readonly string[];
  } | null;
}

/** A dedup plan for the window: identical files and what linking them frees. */
export interface DedupPreview {
  readonly planId: string;
  readonly groups: readonly { readonly sha256: string; readonly size: number; readonly keep: string; readonly replace: readonly string[]; readonly frees: number }[];
  readonly files: number;
  readonly frees: number;
  readonly scannedFiles: number;
  readonly hashedFiles: number;
  readonly hashedBytes: number;
}

export interface DedupReport {
  readonly replaced: readonly { readonly file: string; readonly keep: string; readonly method: 'reflink' | 'hardlink' }[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly freed: number;
}
