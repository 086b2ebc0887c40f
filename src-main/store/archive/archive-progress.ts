import type { ProgressEvent } from '../../shared/model-types.ts';

const STEP_MS = 100;

/**
 * Turns a flood of byte counts into a few ProgressEvents (one per 100 ms at most, plus the
 * first and the last), so a multi-GiB archive does not produce millions of IPC messages.
 */
export function progressThrottle(id: string, phase: ProgressEvent['phase'], bytesTotal: number, onProgress?: (e: ProgressEvent) => void) {
  let done = 0;
  let last = 0;
  const emit = (current?: string, p: ProgressEvent['phase'] = phase): void => {
    onProgress?.({ id, phase: p, bytesDone: done, bytesTotal, ...(current === undefined ? {} : { current }) });
  };
  emit();
  return {
    add: (n: number, current?: string): void => {
      done += n;
      const now = Date.now();
      if (now - last >= STEP_MS) {
        last = now;
        emit(current);
      }
    },
    get done(): number {
      return done;
    },
    emit,
    finish: (): void => {
      emit(undefined, 'done');
    },
  };
}
