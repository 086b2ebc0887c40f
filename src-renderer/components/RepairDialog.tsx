import { FolderInput, FolderOpen, Trash2, Wrench } from 'lucide-react';
import type { StoreProblem } from '../../src-main/shared/model-types.ts';
import { useApp } from '../state/store.ts';
import { askFixLatest, askMoveAside, fixFor, revealInStore } from '../state/actions/fix.ts';
import { requestDelete } from '../state/actions/delete.ts';
import { closeRepair, runRepair } from '../state/actions/store-actions.ts';
import { Button } from './Bits.tsx';
import { Modal } from './Modal.tsx';

/** The tag of a problem at models/<name>/<version>, when it names a version. */
function tagOf(p: StoreProblem): string | null {
  const parts = p.path.split('/');
  return parts[0] === 'models' && parts.length === 3 ? `${parts[1]}:${parts[2]}` : null;
}

/** Each problem's own fix, confirmed in a dialog that says what will happen. */
function ProblemActions({ p }: { p: StoreProblem }) {
  const fix = fixFor(p);
  const tag = tagOf(p);
  const name = p.path.split('/')[1] ?? '';
  return (
    <div className="problem-actions">
      {fix === 'fix-latest' ? (
        <Button icon={Wrench} onClick={() => askFixLatest(p.path, name)} label={`Fix latest of ${name}`}>
          Fix latest…
        </Button>
      ) : null}
      {fix === 'delete' && tag ? (
        <Button icon={Trash2} variant="danger" onClick={() => void requestDelete('versions', [tag])} label={`Delete ${tag}`}>
          Delete…
        </Button>
      ) : null}
      {fix === 'delete' || fix === 'move-aside' ? (
        <Button icon={FolderInput} onClick={() => askMoveAside(p.path, tag ?? 'the folder')} label={`Move ${p.path} aside`}>
          {fix === 'move-aside' ? 'Move out of models/…' : 'Move aside…'}
        </Button>
      ) : null}
      {p.path.startsWith('models/') && !p.kind.startsWith('latest-') ? (
        <Button icon={FolderOpen} variant="ghost" onClick={() => void revealInStore(p.path)} label={`Reveal ${p.path}`}>
          Reveal
        </Button>
      ) : null}
    </div>
  );
}

export function RepairDialog() {
  const repair = useApp((s) => s.repair);
  if (!repair) return null;
  const problems = repair.report?.problems ?? [];
  // Bulk repair keeps to what it always did safely (leftovers of dead Model Shelf processes,
  // latest pointers); everything else has its own button.
  const fixable = problems.filter((p) => p.safeToFix).length;
  return (
    <Modal title="Repair the store" titleId="repair-title" onClose={closeRepair} className="modal-wide">
      {repair.report === null ? (
        <p className="muted">Checking the store…</p>
      ) : problems.length === 0 ? (
        <p>No problems found. Every version can be read.</p>
      ) : (
        <ul className="problem-list" aria-label="Problems">
          {problems.map((p) => (
            <li key={`${p.kind}:${p.path}`} aria-label={p.path}>
              <p className="mono small">{p.path}</p>
              <p>{p.message}</p>
              {fixFor(p) === null ? <p className="muted">{p.safeToFix ? `Repair will: ${p.fix}` : `Left for you: ${p.fix}`}</p> : null}
              <ProblemActions p={p} />
            </li>
          ))}
        </ul>
      )}
      <div className="modal-buttons">
        <Button onClick={closeRepair} autoFocus>
          Close
        </Button>
        {fixable > 0 ? (
          <Button variant="primary" disabled={repair.busy} onClick={() => void runRepair()}>
            Repair {fixable === 1 ? '1 problem' : `${fixable} problems`}
          </Button>
        ) : null}
      </div>
    </Modal>
  );
}
