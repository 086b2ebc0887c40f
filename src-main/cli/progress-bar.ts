import { humanSize } from '../shared/human-size.ts';
import type { ProgressEvent } from '../shared/model-types.ts';

const WIDTH = 24;

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (pipes and logs get
 * nothing). Returns the onProgress callback and a `clear` for the end or an error.
 */
export function progressBar(stderr: NodeJS.WriteStream, label: string, opts: { rate?: boolean } = {}): { onProgress: (e: ProgressEvent) => void; clear: () => void } {
  if (!stderr.isTTY) return { onProgress: () => {}, clear: () => {} };
  let drawn = false;
  // With `rate` (network transfers): speed and time left, measured from the first event of each phase.
  let since: { phase: string; at: number; bytes: number } | null = null;
  const rateText = (e: ProgressEvent): string => {
    const now = Date.now();
    if (since === null || since.phase !== e.phase || e.bytesDone < since.bytes) since = { phase: e.phase, at: now, bytes: e.bytesDone };
    const secs = (now - since.at) / 1000;
    if (secs < 0.5) return '';
    const speed = (e.bytesDone - since.bytes) / secs;
    const left = speed > 0 ? Math.max(0, Math.round((e.bytesTotal - e.bytesDone) / speed)) : null;
    return ` ${humanSize(speed)}/s${left === null ? '' : ` ${left >= 60 ? `${Math.floor(left / 60)} min ${left % 60} s` : `${left} s`} left`}`;
  };
  const clear = (): void => {
    if (drawn) stderr.write('\r\x1b[2K');
    drawn = false;
  };
  const onProgress = (e: ProgressEvent): void => {
    if (e.phase === 'done') return clear();
    const frac = e.bytesTotal > 0 ? Math.min(1, e.bytesDone / e.bytesTotal) : 0;
    const filled = Math.round(frac * WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
    const pct = `${Math.floor(frac * 100)}`.padStart(3);
    stderr.write(`\r\x1b[2K${label} ${e.phase} [${bar}] ${pct}% ${humanSize(e.bytesDone)} / ${humanSize(e.bytesTotal)}${opts.rate ? rateText(e) : ''}`);
    drawn = true;
  };
  return { onProgress, clear };
}

/** An AbortSignal fired by Ctrl-C, so staged files are removed before the process exits. */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const ctl = new AbortController();
  const onInt = (): void => ctl.abort(new Error('interrupted'));
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onInt);
  return {
    signal: ctl.signal,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onInt);
    },
  };
}
