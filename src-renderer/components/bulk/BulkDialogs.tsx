// The bulk actions' dialogs, mounted once by App: the relabel sheet and the remote picker of a bulk push.
import { Plus, TriangleAlert, X } from 'lucide-react';
import { useMemo } from 'react';
import { addRelabelRow, applyRelabel, closeRelabel, pushMany, removeRelabelRow, setRelabelRow } from '../../state/bulk/bulk-actions.ts';
import { setBulk, useBulk, type RelabelAction } from '../../state/bulk/bulk-store.ts';
import { labelSummary, relabelRequest } from '../../state/bulk/relabel-form.ts';
import { count } from '../../state/format.ts';
import { selectVersion } from '../../state/selectors.ts';
import { getState } from '../../state/store.ts';
import { Button } from '../Bits.tsx';
import { Modal } from '../Modal.tsx';
import { PushTargetDialog } from '../remote/PushTargetDialog.tsx';

const modelCount = (tags: readonly string[]): number => new Set(tags.map((t) => t.split(':')[0])).size;

function RelabelSheet({ tags }: { tags: readonly string[] }) {
  const rows = useBulk((s) => s.rows);
  const busy = useBulk((s) => s.relabelBusy);
  // What the versions carry now (read once: the sheet is about these versions as they were opened).
  const summary = useMemo(() => labelSummary(tags.flatMap((t) => selectVersion(getState(), t) ?? [])), [tags]);
  const check = relabelRequest(rows);
  const keys = summary.map((s) => s.key);
  const models = modelCount(tags);
  const what = count(tags.length, 'version');
  return (
    <Modal title="Relabel versions" titleId="relabel-title" describedBy="relabel-text" onClose={closeRelabel} className="modal-relabel">
      <p id="relabel-text">
        Set or remove labels on {what} of {count(models, 'model')}. Other labels stay as they are; Undo puts every version back.
      </p>
      {summary.length > 0 ? (
        <ul className="relabel-now" aria-label="Labels now">
          {summary.map((k) => (
            <li key={k.key}>
              <span className="mono">{k.key}</span>: {k.values.map((v) => `${v.value || '(empty)'} ×${v.count}`).join(', ')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">None of these versions has labels yet.</p>
      )}
      <form
        className="relabel-rows"
        aria-label="Label changes"
        onSubmit={(e) => {
          e.preventDefault();
          void applyRelabel();
        }}
      >
        <datalist id="relabel-keys">
          {keys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        {rows.map((r, i) => {
          const name = `Label ${i + 1}`;
          return (
            <div className="relabel-row" key={i}>
              <input className="mono" list="relabel-keys" placeholder="key" aria-label={`${name} key`} value={r.key} spellCheck={false} onChange={(e) => setRelabelRow(i, { key: e.target.value })} />
              <select aria-label={`${name} change`} value={r.action} onChange={(e) => setRelabelRow(i, { action: e.target.value as RelabelAction })}>
                <option value="set">set to</option>
                <option value="remove">remove</option>
              </select>
              <input className="mono" placeholder={r.action === 'remove' ? '' : 'value'} aria-label={`${name} value`} value={r.action === 'remove' ? '' : r.value} disabled={r.action === 'remove'} spellCheck={false} onChange={(e) => setRelabelRow(i, { value: e.target.value })} />
              <button type="button" className="icon-mini" aria-label={`Remove label ${i + 1}`} title="Remove this row" onClick={() => removeRelabelRow(i)}>
                <X size={12} aria-hidden="true" />
              </button>
            </div>
          );
        })}
        <div>
          <Button icon={Plus} variant="ghost" onClick={addRelabelRow}>
            Add label
          </Button>
        </div>
        {!check.ok && rows.some((r) => r.key.trim() !== '' || r.value !== '') ? (
          <p className="callout callout-warn" role="alert">
            <TriangleAlert size={14} aria-hidden="true" /> <span>{check.problem}</span>
          </p>
        ) : null}
        <div className="modal-buttons">
          <Button onClick={closeRelabel}>Cancel</Button>
          <button type="submit" className="btn btn-primary" disabled={!check.ok || busy} title={check.ok ? undefined : check.problem}>
            {busy ? 'Relabelling…' : `Relabel ${what}`}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function BulkPushDialog({ tags }: { tags: readonly string[] }) {
  const close = (): void => setBulk({ pushing: null });
  return (
    <PushTargetDialog
      id="bulk-push"
      what={`${count(tags.length, 'version')} of ${count(modelCount(tags), 'model')}`}
      onPick={(remote) => {
        close();
        pushMany(tags, remote);
      }}
      onClose={close}
    />
  );
}

export function BulkDialogs() {
  const relabel = useBulk((s) => s.relabel);
  const pushing = useBulk((s) => s.pushing);
  return (
    <>
      {relabel ? <RelabelSheet tags={relabel} /> : null}
      {pushing ? <BulkPushDialog tags={pushing} /> : null}
    </>
  );
}
