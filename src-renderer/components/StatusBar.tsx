import { CircleAlert, Eye, EyeOff, HardDrive, Trash2, X } from 'lucide-react';
import { humanSize } from '../../src-main/shared/human-size.ts';
import type { WatcherStatus } from '../../src-main/shared/model-types.ts';
import { useApp } from '../state/store.ts';
import { cancelCreate } from '../state/actions/create-model.ts';
import { checkRepair } from '../state/actions/store-actions.ts';
import { cancelTask } from '../state/actions/tasks.ts';
import { openTrash } from '../state/actions/trash.ts';
import { openDiskUse } from '../state/housekeeping/disk-use.ts';
import { count, shortPath } from '../state/format.ts';
import { selectAllGroups } from '../state/selectors.ts';
import { ProgressBar, progressText } from './ProgressLine.tsx';

export function watcherWords(w: WatcherStatus | null, modelsDir: string): { text: string; ok: boolean } {
  const where = shortPath(w?.path || modelsDir);
  if (!w) return { text: modelsDir ? `Reading ${where}` : 'Starting…', ok: true };
  switch (w.state) {
    case 'starting':
      return { text: `Starting to watch ${where}`, ok: true };
    case 'watching':
      return { text: `Watching ${where}`, ok: true };
    case 'polling':
      return { text: `Checking ${where} every few seconds (live watching is not available here)`, ok: true };
    case 'missing':
      return { text: w.message ?? `${where} does not exist`, ok: false };
    case 'error':
      return { text: w.message ?? `Cannot watch ${where}; changes from other programs appear after Reload`, ok: false };
    case 'stopped':
      return { text: w.message ?? `Not watching ${where}; changes from other programs appear after Reload`, ok: false };
  }
}

function Tasks() {
  const createOpen = useApp((s) => s.createOpen);
  const tasks = useApp((s) => s.tasks);
  // The create sheet shows its own progress while it is open.
  const shown = tasks.filter((t) => !(t.kind === 'create' && createOpen));
  return (
    <>
      {shown.map((t) => (
        <span key={t.id} className="status-task">
          <span className="status-task-label" title={t.label}>
            {t.label}
          </span>
          <ProgressBar task={t} label={t.label} />
          <span className="muted small status-task-text" title={progressText(t)}>
            {progressText(t)}
          </span>
          <button type="button" className="icon-mini" aria-label={`Cancel ${t.label}`} title="Cancel" onClick={() => void (t.kind === 'create' ? cancelCreate() : cancelTask(t.id))}>
            <X size={12} aria-hidden="true" />
          </button>
        </span>
      ))}
    </>
  );
}

export function StatusBar() {
  const snapshot = useApp((s) => s.snapshot);
  const watcher = useApp((s) => s.watcher);
  const groups = useApp(selectAllGroups);
  const words = watcherWords(watcher, snapshot?.modelsDir ?? '');
  const versions = snapshot?.versions.length ?? 0;
  const total = groups.reduce((sum, g) => sum + g.totalSize, 0);
  const problems = snapshot?.problems.length ?? 0;
  const counts = `${count(groups.length, 'model')} · ${count(versions, 'version')} · ${humanSize(total)}`;
  return (
    <footer className="statusbar">
      <span className={`status-watch${words.ok ? '' : ' status-bad'}`} role="status" aria-label="Watcher status">
        {words.ok ? <Eye size={13} aria-hidden="true" /> : <EyeOff size={13} aria-hidden="true" />}
        <span className="status-watch-text" title={words.text}>
          {words.text}
        </span>
      </span>
      <span className="status-counts" title={counts}>
        {count(groups.length, 'model')} · {count(versions, 'version')}
      </span>
      <button type="button" className="status-button status-total" onClick={() => void openDiskUse()} aria-label={`Disk use: ${humanSize(total)}`} title="Where the disk space goes">
        <HardDrive size={13} aria-hidden="true" /> {humanSize(total)}
      </button>
      {problems > 0 ? (
        <button type="button" className="status-button status-bad" onClick={() => void checkRepair()}>
          <CircleAlert size={13} aria-hidden="true" /> {count(problems, 'problem')}
        </button>
      ) : null}
      <span className="spacer" />
      <Tasks />
      <button type="button" className="status-button" onClick={() => void openTrash()} aria-label="Open trash" title="Open the trash">
        <Trash2 size={13} aria-hidden="true" /> Trash {humanSize(snapshot?.trashSize ?? 0)}
      </button>
    </footer>
  );
}
