import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { InspectedItem, TaskId } from '../../../src-main/shared/ipc-contract.ts';
import type { MetaType } from '../metadata-parse.ts';

export interface LabelRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export interface MetaRow {
  readonly id: number;
  readonly key: string;
  readonly type: MetaType;
  readonly text: string;
}

export interface CreateForm {
  readonly items: readonly InspectedItem[];
  /** A single folder: copy its contents to the model root rather than the folder itself. */
  readonly useContents: boolean;
  readonly name: string;
  readonly versionMode: 'auto' | 'custom';
  readonly version: string;
  readonly labels: readonly LabelRow[];
  readonly metadata: readonly MetaRow[];
  readonly module: string;
  readonly apiVersion: string;
}

export type CreatePhase = 'editing' | 'running' | 'cancelling';

export interface CreateSlice {
  createOpen: boolean;
  form: CreateForm;
  createPhase: CreatePhase;
  /** The running create's task id (its progress pushes carry it; Cancel sends it). */
  createTaskId: TaskId | null;
  createError: ErrorInfo | null;
  /** A quiet line under the form, e.g. "Cancelled. Nothing was written." */
  createNote: string | null;
}

export const emptyForm = (): CreateForm => ({
  items: [],
  useContents: true,
  name: '',
  versionMode: 'auto',
  version: '',
  labels: [],
  metadata: [],
  module: '',
  apiVersion: 'v1',
});

export const initialCreate = (): CreateSlice => ({
  createOpen: false,
  form: emptyForm(),
  createPhase: 'editing',
  createTaskId: null,
  createError: null,
  createNote: null,
});
