import type { FixAction, WriterState } from '../../../src-main/shared/fix-types.ts';

/** A fix the person asked for, waiting for their confirmation. */
export interface FixConfirm {
  readonly title: string;
  /** What will happen, in one or two sentences. */
  readonly question: string;
  readonly path: string;
  readonly action: FixAction;
  readonly confirmLabel: string;
  readonly busy: boolean;
}

export interface FixSlice {
  /** Versions without model.yaml: being written now or interrupted (asked of main per tag). */
  writers: Readonly<Record<string, WriterState>>;
  fixConfirm: FixConfirm | null;
}

export const initialFix = (): FixSlice => ({ writers: {}, fixConfirm: null });
