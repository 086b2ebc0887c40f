// The contract's channels for bulk actions on many versions at once (issue 12 view 15); RequestMap
// extends it. The window names tags only: the export folder is chosen in main's own dialog.
import type { EditResult } from './edit-types.ts';
import type { ErrorInfo } from './errors.ts';
import type { TaskArgs } from './ipc-contract.ts';
import type { Labels } from './model-types.ts';

/** One version a bulk action could not do, with the store's sentence; the others went on. */
export interface BulkFailure {
  readonly tag: string;
  readonly error: ErrorInfo;
}

/** Each version is acted on once, however many of the tags name it (`name`, `name:latest`, a tag twice). */
export interface BulkExportResult {
  /** The folder the person chose. */
  readonly folder: string;
  /** Archives written, as `<folder>/<name>-<version>.bentomodel`; never over a file already there. */
  readonly written: readonly { readonly tag: string; readonly path: string }[];
  /** Versions whose file name was already taken in the folder: that file was left as it was. */
  readonly taken: readonly { readonly tag: string; readonly path: string }[];
  /** Versions not exported. A folder that went away or cannot be written to stops the run: the rest carry its one sentence. */
  readonly failed: readonly BulkFailure[];
  /** Cancel was pressed: the versions after the one being written were not exported. */
  readonly cancelled: boolean;
}

export interface BulkRelabelArgs {
  readonly tags: readonly string[];
  readonly labels: { readonly set: Labels; readonly unset: readonly string[] };
}

export interface BulkRelabelResult {
  /** One edit per changed version, each with its own undo id (`model:undo-edit` takes them all). */
  readonly edited: readonly EditResult[];
  /** Versions (as resolved tags) that already had every label set and none removed, read from disk: nothing was written to them. */
  readonly unchanged: readonly string[];
  readonly failed: readonly BulkFailure[];
}

export interface BulkRequestMap {
  /** Asks for a folder (null when the dialog was cancelled), then exports each version into it; progress ("current" = the tag) and cancel by task id. */
  'models:export-many': [TaskArgs & { readonly tags: readonly string[] }, BulkExportResult | null];
  /** Sets and removes labels on every version named, each under its name's lock; refused whole (INVALID_LABELS) when the labels alone are over the model.yaml cap. */
  'models:relabel': [BulkRelabelArgs, BulkRelabelResult];
}
