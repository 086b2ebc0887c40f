import { useApp } from '../state/store.ts';
import { cancelFix, confirmFix } from '../state/actions/fix.ts';
import { Button } from './Bits.tsx';
import { Modal } from './Modal.tsx';

/** "Move aside" / "Fix latest": says what will happen before it does (over the repair list too). */
export function FixConfirmDialog() {
  const ask = useApp((s) => s.fixConfirm);
  if (!ask) return null;
  return (
    <Modal title={ask.title} titleId="fix-title" describedBy="fix-question" onClose={cancelFix}>
      <p id="fix-question" className="question">
        {ask.question}
      </p>
      <div className="modal-buttons">
        <Button onClick={cancelFix} autoFocus>
          Cancel
        </Button>
        <Button variant="primary" disabled={ask.busy} onClick={() => void confirmFix()}>
          {ask.confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
