import type { ProgressEvent } from '../shared/model-types.ts';

const STEP_MS = 100;

/**
 * At most one progress event per 100 ms (plus every phase change and the end): a download
 * reports per network chunk, and the window gets each event over IPC.
 */
export function throttledProgress(id: string, current: string, onProgress?: (e: ProgressEvent) => void): (phase: ProgressEvent['phase'], bytesDone: number, bytesTotal: number) => void {
  let last = 0;
  let lastPhase = '';
  return (phase, bytesDone, bytesTotal) => {
    if (!onProgress) return;
    const now = Date.now();
    if (phase === lastPhase && phase !== 'done' && bytesDone < bytesTotal && now - last < STEP_MS) return;
    last = now;
    lastPhase = phase;
    onProgress({ id, phase, bytesDone, bytesTotal, current });
  };
}
