import { useApp } from '../state/store.ts';
import { closeRepair, runRepair } from '../state/actions/store-actions.ts';
import { Button } from './Bits.tsx';
import { Modal } from './Modal.tsx';

export function RepairDialog() {
  const repair = useApp((s) => s.repair);
  if (!repair) return null;
  const problems = repair.report?.problems ?? [];
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
            <li key={`${p.kind}:${p.path}`}>
              <p className="mono small">{p.path}</p>
              <p>{p.message}</p>
              <p className="muted">{p.safeToFix ? `Repair will: ${p.fix}` : `Left for you: ${p.fix}`}</p>
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
