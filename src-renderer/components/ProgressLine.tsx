import { humanSize } from '../../src-main/shared/human-size.ts';
import { secondsLeft } from '../state/actions/tasks.ts';
import { duration, speed } from '../state/format.ts';
import type { Task } from '../state/slices/tasks-slice.ts';

const PHASE_WORDS: Record<string, string> = {
  scanning: 'Scanning',
  copying: 'Copying',
  writing: 'Writing',
  committing: 'Finishing',
  compressing: 'Compressing',
  extracting: 'Extracting',
  uploading: 'Uploading',
  downloading: 'Downloading',
  done: 'Finishing',
};

/** "Copying 612 MiB of 1.24 GiB · 410 MiB/s · 2 s left" */
export function progressText(task: Task): string {
  if (task.cancelling) return 'Cancelling…';
  const p = task.progress;
  if (!p) return task.kind === 'export' ? (task.steps ? 'Waiting for a folder…' : 'Waiting for a file name…') : 'Starting…';
  const parts = [`${PHASE_WORDS[p.phase] ?? 'Working'} ${humanSize(p.bytesDone)} of ${humanSize(p.bytesTotal)}`];
  // A bulk task: which of its versions this is ("3 of 12"), before that version's bytes.
  const step = task.steps && p.current !== undefined ? task.steps.indexOf(p.current) : -1;
  if (task.steps && step >= 0) parts.unshift(`${step + 1} of ${task.steps.length}`);
  if (task.speed > 0 && p.phase !== 'done' && p.phase !== 'committing') parts.push(speed(task.speed));
  const left = secondsLeft(task);
  if (left !== null && p.bytesDone < p.bytesTotal) parts.push(`${duration(left)} left`);
  return parts.join(' · ');
}

export function percent(task: Task): number | undefined {
  const p = task.progress;
  if (!p || p.bytesTotal <= 0) return undefined;
  return Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100));
}

export function ProgressBar({ task, label }: { task: Task; label: string }) {
  const pct = percent(task);
  return (
    <div
      className={`progress${pct === undefined ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={progressText(task)}
    >
      <div className="progress-fill" style={{ width: pct === undefined ? '30%' : `${pct}%` }} />
    </div>
  );
}
