// The window's housekeeping state (issue 11): disk use, clean-up, dedup, integrity, label edits.
// Its own small zustand store, so the shared AppState slices stay untouched by this feature.
import { create } from 'zustand';
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { DiskUsage, PrunePreview, PruneReport } from '../../../src-main/shared/housekeeping-types.ts';
import type { DedupPreview, IntegrityInfo, VerifyResult } from '../../../src-main/shared/integrity-types.ts';
import type { TaskId, TaskProgress } from '../../../src-main/shared/ipc-contract.ts';
import type { LabelRow, MetaRow } from '../slices/create-slice.ts';

export type ColourBy = 'age' | `label:${string}`;

/** The clean-up sheet's rules as typed (strings until checked). */
export interface CleanUpForm {
  readonly name: string; // '' = every model
  readonly keepLastOn: boolean;
  readonly keepLast: string;
  readonly olderOn: boolean;
  readonly olderValue: string;
  readonly olderUnit: 'days' | 'weeks' | 'months';
  readonly labels: string; // "k=v, k2=v2"
  readonly trash: boolean;
}

export const defaultCleanUp = (): CleanUpForm => ({
  name: '',
  keepLastOn: true,
  keepLast: '10',
  olderOn: false,
  olderValue: '30',
  olderUnit: 'days',
  labels: '',
  trash: true,
});

export interface Suggestion {
  readonly keepLast: number;
  readonly versions: number;
  readonly frees: number;
}

export interface DedupState {
  readonly taskId: TaskId | null;
  readonly progress: TaskProgress | null;
  readonly plan: DedupPreview | null;
  readonly error: ErrorInfo | null;
}

export interface VerifyState {
  readonly taskId: TaskId;
  readonly progress: TaskProgress | null;
}

export interface EditForm {
  readonly tag: string;
  readonly labels: readonly LabelRow[];
  readonly metadata: readonly MetaRow[];
  readonly saving: boolean;
  readonly error: ErrorInfo | null;
}

export interface HkState {
  diskOpen: boolean;
  usage: DiskUsage | null;
  usageError: ErrorInfo | null;
  colourBy: ColourBy;
  dedup: DedupState;
  dedupConfirm: boolean;
  cleanUpOpen: boolean;
  cleanUp: CleanUpForm;
  /** The plan for the form as it is now (null while the rules are incomplete or being asked). */
  preview: PrunePreview | null;
  previewError: string | null;
  previewBusy: boolean;
  confirming: boolean;
  running: boolean;
  suggestion: Suggestion | null;
  savedRule: CleanUpForm | null;
  lastRun: PruneReport | null;
  /** model:integrity by tag, and the last verify's result by tag. */
  integrity: Readonly<Record<string, IntegrityInfo>>;
  verified: Readonly<Record<string, VerifyResult>>;
  verifying: Readonly<Record<string, VerifyState>>;
  edit: EditForm | null;
}

export const useHk = create<HkState>()(() => ({
  diskOpen: false,
  usage: null,
  usageError: null,
  colourBy: 'age',
  dedup: { taskId: null, progress: null, plan: null, error: null },
  dedupConfirm: false,
  cleanUpOpen: false,
  cleanUp: defaultCleanUp(),
  preview: null,
  previewError: null,
  previewBusy: false,
  confirming: false,
  running: false,
  suggestion: null,
  savedRule: null,
  lastRun: null,
  integrity: {},
  verified: {},
  verifying: {},
  edit: null,
}));

export const hk = (): HkState => useHk.getState();
export const setHk = useHk.setState;
