import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import { notify, notifyError } from '../actions/notices.ts';

/**
 * What an Undo that was refused says. When main put back some of the edits and kept others (a
 * hand edit since, an entry gone), "Undo failed" would be wrong: main's one sentence, which
 * says what was put back and what was not and why, is the notice itself. Returns true then (the
 * caller reloads, as after an Undo that worked).
 */
export function notifyUndoRefused(error: ErrorInfo): boolean {
  const restored = error.details?.['restored'];
  if (!Array.isArray(restored) || restored.length === 0) {
    notifyError('Undo', error);
    return false;
  }
  notify({ kind: 'error', text: error.message });
  return true;
}
