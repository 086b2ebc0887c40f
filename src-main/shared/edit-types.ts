// What an edit of a saved version's labels and metadata changed (store/edit/), as the CLI prints
// it and the window's Labels & metadata tab receives it. Plain data (structured clone safe).
import type { Labels, Metadata, MetadataValue } from './model-types.ts';

export type EditField = 'labels' | 'metadata';

export interface FieldChange {
  readonly field: EditField;
  readonly key: string;
  /** The value before; absent when the key is new. */
  readonly before?: string | MetadataValue;
  /** The value after; absent when the key was removed. */
  readonly after?: string | MetadataValue;
}

export interface EditResult {
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  readonly changes: readonly FieldChange[];
  /** The trash entry that undoes this edit (`trash restore ID`, `model:undo-edit`); null when the trash could not take it. */
  readonly undoId: string | null;
  /** The labels and metadata as BentoML now loads them. */
  readonly labels: Labels;
  readonly metadata: Metadata;
  /** True when every byte of model.yaml outside the edited entries stayed as it was. */
  readonly surgical: boolean;
}

export interface PromoteResult {
  readonly tag: string;
  /** TAG's edit first (if it changed), then each other version the value left. */
  readonly edits: readonly EditResult[];
}
