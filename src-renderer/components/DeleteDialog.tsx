import { TriangleAlert } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { cancelDelete, confirmDelete } from '../state/actions/delete.ts';
import { deleteQuestion, emptiedWarnings, usageWarnings, writingWarning } from '../state/delete-words.ts';
import { Button } from './Bits.tsx';
import { Modal } from './Modal.tsx';

const SHOW = 8;

export function DeleteDialog() {
  const req = useApp((s) => s.deleteRequest);
  if (!req) return null;
  const writing = writingWarning(req.writing);
  // A version being written, or a bento that uses one, makes the button say "anyway"; that the
  // model goes with its last versions is a fact to know, not a risk.
  const risks = [...(writing ? [writing] : []), ...(req.usage ? usageWarnings(req.usage) : [])];
  const warnings = [...risks, ...emptiedWarnings(req.emptied)];
  return (
    <Modal title={req.names.length ? 'Delete model' : 'Delete versions'} titleId="delete-title" describedBy="delete-question" onClose={cancelDelete}>
      <p id="delete-question" className="question">{deleteQuestion(req)}</p>
      <ul className="tag-list" aria-label="Versions to delete">
        {req.tags.slice(0, SHOW).map((t) => (
          <li key={t} className="mono">{t}</li>
        ))}
        {req.tags.length > SHOW ? <li className="muted">and {req.tags.length - SHOW} more</li> : null}
      </ul>
      <div className="usage-slot" aria-live="polite">
        {req.usage === null ? <p className="muted small">Checking whether a local bento uses {req.tags.length === 1 ? 'it' : 'them'}…</p> : null}
        {warnings.map((w) => (
          <p key={w} className="callout callout-warn" role="alert">
            <TriangleAlert size={14} aria-hidden="true" /> <span>{w}</span>
          </p>
        ))}
      </div>
      <div className="modal-buttons">
        <Button onClick={cancelDelete} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" disabled={req.busy || req.usage === null} onClick={() => void confirmDelete()}>
          {risks.length ? 'Move to trash anyway' : 'Move to trash'}
        </Button>
      </div>
    </Modal>
  );
}
