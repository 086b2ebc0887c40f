import { RotateCcw, Trash2 } from 'lucide-react';
import { humanSize } from '../../src-main/shared/human-size.ts';
import { useApp } from '../state/store.ts';
import { askEmptyTrash, closeTrash, emptyTrash, restoreEntries, setAllTrashSelected, toggleTrashEntry } from '../state/actions/trash.ts';
import { describeError } from '../state/error-words.ts';
import { count } from '../state/format.ts';
import { Button, Mono, Size, TimeAgo } from './Bits.tsx';
import { Modal } from './Modal.tsx';

function EmptyConfirm({ total, n }: { total: number; n: number }) {
  return (
    <div className="callout callout-warn confirm-empty" role="alert">
      <p>
        Permanently delete {count(n, 'version')} ({humanSize(total)})? This cannot be undone.
      </p>
      <div className="modal-buttons">
        <Button onClick={() => askEmptyTrash(false)} autoFocus>
          Keep
        </Button>
        <Button variant="danger" onClick={() => void emptyTrash()}>
          Delete permanently
        </Button>
      </div>
    </div>
  );
}

export function TrashView() {
  const open = useApp((s) => s.trashOpen);
  const entries = useApp((s) => s.trashEntries);
  const loading = useApp((s) => s.trashLoading);
  const error = useApp((s) => s.trashError);
  const selected = useApp((s) => s.trashSelected);
  const confirm = useApp((s) => s.confirmEmpty);
  if (!open) return null;
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  const allOn = entries.length > 0 && selected.length === entries.length;
  return (
    <Modal title="Trash" titleId="trash-title" onClose={closeTrash} className="modal-wide">
      <p className="muted">
        {loading ? 'Reading the trash…' : entries.length === 0 ? 'The trash is empty.' : `${count(entries.length, 'version')} · ${humanSize(total)}`}
      </p>
      {error ? <p role="alert">{describeError(error).headline} {error.message}</p> : null}
      {entries.length > 0 ? (
        <div className="trash-scroll">
          <table className="trash-table" aria-label="Trashed versions">
            <thead>
              <tr>
                <th className="col-check">
                  <input type="checkbox" aria-label="Select all" checked={allOn} onChange={(e) => setAllTrashSelected(e.target.checked)} />
                </th>
                <th>Tag</th>
                <th className="col-num">Size</th>
                <th>Deleted</th>
                <th className="col-action"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="col-check">
                    <input type="checkbox" aria-label={`Select ${e.tag}`} checked={selected.includes(e.id)} onChange={(ev) => toggleTrashEntry(e.id, ev.target.checked)} />
                  </td>
                  <td><Mono text={e.tag} max={48} /></td>
                  <td className="col-num"><Size bytes={e.size} /></td>
                  <td><TimeAgo ms={Date.parse(e.deletedAt)} text={e.deletedAt} /></td>
                  <td className="col-action">
                    <Button icon={RotateCcw} variant="ghost" label={`Restore ${e.tag}`} onClick={() => void restoreEntries([e.id])} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {confirm ? <EmptyConfirm total={total} n={entries.length} /> : null}
      <div className="modal-buttons">
        <Button icon={Trash2} variant="danger" disabled={entries.length === 0 || confirm} onClick={() => askEmptyTrash(true)} title={`Empty trash frees ${humanSize(total)}`}>
          Empty trash
        </Button>
        <span className="muted small empty-frees">{entries.length ? `Empty trash frees ${humanSize(total)}` : ''}</span>
        <span className="spacer" />
        <Button icon={RotateCcw} disabled={selected.length === 0} onClick={() => void restoreEntries(selected)}>
          {selected.length > 1 ? `Restore ${selected.length}` : 'Restore'}
        </Button>
        <Button onClick={closeTrash} autoFocus={!confirm}>
          Close
        </Button>
      </div>
    </Modal>
  );
}
