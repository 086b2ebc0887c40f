// Error codes -> words (design §3: the renderer maps codes, it never parses messages).
// The headline says what failed in plain terms; main's own sentence (what happened, what
// to do) follows as the detail.
import type { ErrorCode, ErrorInfo } from '../../src-main/shared/errors.ts';

const HEADLINES: Record<ErrorCode, string> = {
  INVALID_TAG: 'That name or version is not a valid BentoML tag.',
  INVALID_ARGUMENT: 'Model Shelf could not use that input.',
  INVALID_LABELS: 'A label is not valid.',
  INVALID_METADATA: 'A metadata value is not valid.',
  NOT_FOUND: 'That model is no longer in the store.',
  AMBIGUOUS: 'That version prefix matches more than one version.',
  ALREADY_EXISTS: 'A model with that tag already exists in this store.',
  IN_USE: 'A local bento uses this model.',
  BROKEN_MODEL: 'This model is damaged.',
  BAD_ARCHIVE: 'That file is not a model archive Model Shelf can read.',
  UNSAFE_PATH: 'The archive tries to write outside its own folder, so it was refused.',
  NO_SPACE: 'The disk is full.',
  PERMISSION: 'Model Shelf is not allowed to do that here.',
  IO: 'Reading or writing files failed.',
  ABORTED: 'Cancelled. Nothing was written.',
  // BUSY covers a locked model, a source file and an exported file changing under us: the files, not "this model".
  BUSY: 'Another program is changing these files right now.',
  FORBIDDEN: 'That action is not allowed.',
  INTERNAL: 'Something went wrong inside Model Shelf.',
};

const ADVICE: Partial<Record<ErrorCode, string>> = {
  ALREADY_EXISTS: 'Delete the existing version first, or keep the one you have.',
  NO_SPACE: 'Free some space (emptying the trash may help), then try again.',
  PERMISSION: 'Check that you can write to the store folder, then try again.',
  BUSY: 'Wait a moment and try again.',
  INTERNAL: 'Try again; if it keeps happening, restart Model Shelf.',
};

export interface ErrorWords {
  readonly headline: string;
  /** Main's sentence, or our advice when main said nothing useful. */
  readonly detail: string;
}

export function describeError(error: ErrorInfo): ErrorWords {
  const headline = HEADLINES[error.code] ?? HEADLINES.INTERNAL;
  const detail = error.message && error.message !== headline ? error.message : (ADVICE[error.code] ?? '');
  return { headline, detail };
}

/** "Could not export iris_clf:abc. A model with that tag already exists..." in one line. */
export function errorSentence(action: string, error: ErrorInfo): string {
  if (error.code === 'ABORTED') return HEADLINES.ABORTED;
  return `${action} failed: ${HEADLINES[error.code] ?? HEADLINES.INTERNAL}`;
}
