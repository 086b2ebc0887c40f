// A version without model.yaml: a writer at work (wait), or a save that died (what to do now).
import { FolderInput, FolderOpen, LoaderCircle, Trash2, TriangleAlert } from 'lucide-react';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { askMoveAside, revealInStore } from '../state/actions/fix.ts';
import { requestDelete } from '../state/actions/delete.ts';
import { useApp } from '../state/store.ts';
import { writeStateOf } from '../state/writing-state.ts';
import { Button } from './Bits.tsx';

/** "40 s", "12 min", "5 h", "3 days": how long the folder has been quiet. */
function quiet(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} days`;
}

export function WriterCallout({ v }: { v: ModelVersion }) {
  const w = useApp((s) => s.writers[v.tag]);
  const state = useApp((s) => writeStateOf(v, s.writers));
  const rel = `models/${v.name}/${v.version}`;
  if (state !== 'interrupted' || !w) {
    const who = w?.liveOwner ? `Model Shelf (process ${w.liveOwner.pid}) is writing it now` : w ? `another program changed it ${quiet(w.quietMs)} ago` : 'another program is writing it';
    return (
      <div className="callout callout-busy" role="status">
        <LoaderCircle size={14} aria-hidden="true" className="spin" />
        <div>
          <p>This version is still being written: {who}.</p>
          <p className="muted">It appears here complete once its model.yaml is written. Nothing to do.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="callout callout-warn writer-callout" role="status">
      <TriangleAlert size={14} aria-hidden="true" />
      <div>
        <p>This save was interrupted: nothing in the folder has changed for {quiet(w.quietMs)}, it has no model.yaml and no program holds it.</p>
        <p className="muted">While it is in models/, `bentoml models list` fails. Delete it (to the trash), or move it aside to keep the files.</p>
        <div className="callout-buttons">
          <Button icon={Trash2} variant="danger" onClick={() => void requestDelete('versions', [v.tag])}>
            Delete…
          </Button>
          <Button icon={FolderInput} onClick={() => askMoveAside(rel, v.tag)}>
            Move aside…
          </Button>
          <Button icon={FolderOpen} onClick={() => void revealInStore(rel)} label={`Reveal ${v.tag}`}>
            Reveal
          </Button>
        </div>
      </div>
    </div>
  );
}
