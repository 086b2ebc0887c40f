// Clean up: prune's rules (keep last N, older than, labels, trash or delete), a live preview of
// what goes and what it frees, one confirmation. The preview is the plan the run applies.
import { Lightbulb } from 'lucide-react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { PruneKeepReason } from '../../../src-main/shared/housekeeping-types.ts';
import { applySuggestion, askConfirm, closeCleanUp, forgetRule, runCleanUp, saveRule, setCleanUp } from '../../state/housekeeping/clean-up.ts';
import { useHk } from '../../state/housekeeping/hk-store.ts';
import { count } from '../../state/format.ts';
import { selectAllGroups } from '../../state/selectors.ts';
import { useApp } from '../../state/store.ts';
import { Button } from '../Bits.tsx';
import { MiddleText } from '../MiddleText.tsx';
import { Modal } from '../Modal.tsx';

const REASONS: Record<PruneKeepReason, string> = {
  latest: 'latest',
  'used-by-bento': 'used by a bento',
  'being-written': 'being written',
  broken: 'broken',
  locked: 'locked',
  'keep-last': 'among the last N',
  newer: 'newer',
  label: 'label differs',
  changed: 'changed',
};

// A 10,000-version store's plan lists thousands of tags: the first few hundred say enough, the
// summary above them has every count and byte.
const ROWS = 300;

function MoreRow({ n }: { n: number }) {
  if (n <= 0) return null;
  return (
    <tr>
      <td colSpan={2} className="muted">
        and {n.toLocaleString('en-US')} more
      </td>
    </tr>
  );
}

function Rules() {
  const form = useHk((s) => s.cleanUp);
  const names = useApp(selectAllGroups).map((g) => g.name);
  const busy = useHk((s) => s.running);
  return (
    <fieldset className="cleanup-rules" disabled={busy}>
      <legend className="visually-hidden">Rules</legend>
      <label className="cleanup-line">
        <span className="cleanup-label">Models</span>
        <select aria-label="Models" value={form.name} onChange={(e) => setCleanUp({ name: e.target.value })}>
          <option value="">every model</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className="cleanup-line">
        <label className="check">
          <input type="checkbox" checked={form.keepLastOn} onChange={(e) => setCleanUp({ keepLastOn: e.target.checked })} /> Keep the last
        </label>
        <input className="num-input" aria-label="How many to keep" inputMode="numeric" value={form.keepLast} disabled={!form.keepLastOn} onChange={(e) => setCleanUp({ keepLast: e.target.value })} />
        <span>of each model</span>
      </div>
      <div className="cleanup-line">
        <label className="check">
          <input type="checkbox" checked={form.olderOn} onChange={(e) => setCleanUp({ olderOn: e.target.checked })} /> Only older than
        </label>
        <input className="num-input" aria-label="Age" inputMode="numeric" value={form.olderValue} disabled={!form.olderOn} onChange={(e) => setCleanUp({ olderValue: e.target.value })} />
        <select aria-label="Age unit" value={form.olderUnit} disabled={!form.olderOn} onChange={(e) => setCleanUp({ olderUnit: e.target.value as 'days' | 'weeks' | 'months' })}>
          <option value="days">days</option>
          <option value="weeks">weeks</option>
          <option value="months">months</option>
        </select>
      </div>
      <label className="cleanup-line">
        <span className="cleanup-label">Only with labels</span>
        <input className="mono cleanup-labels" aria-label="Only with labels" placeholder="stage=dev, owner=ml-team" spellCheck={false} value={form.labels} onChange={(e) => setCleanUp({ labels: e.target.value })} />
      </label>
      <div className="cleanup-line" role="radiogroup" aria-label="Where they go">
        <label className="check">
          <input type="radio" name="cleanup-where" checked={form.trash} onChange={() => setCleanUp({ trash: true })} /> Move to the trash
        </label>
        <label className="check">
          <input type="radio" name="cleanup-where" checked={!form.trash} onChange={() => setCleanUp({ trash: false })} /> Delete for good
        </label>
      </div>
    </fieldset>
  );
}

function Preview() {
  const preview = useHk((s) => s.preview);
  const error = useHk((s) => s.previewError);
  const busy = useHk((s) => s.previewBusy);
  const keepLast = useHk((s) => (s.cleanUp.keepLastOn ? s.cleanUp.keepLast.trim() : ''));
  if (error) return <p className="cleanup-summary muted" role="status" aria-label="Preview">{error}</p>;
  if (!preview) return <p className="cleanup-summary muted" role="status" aria-label="Preview">Working out what goes…</p>;
  const protectedN = preview.keep.filter((k) => k.reason !== 'keep-last' && k.reason !== 'newer' && k.reason !== 'label').length;
  return (
    <>
      <p className={`cleanup-summary${busy ? ' muted' : ''}`} role="status" aria-label="Preview">
        {preview.remove.length === 0
          ? 'These rules remove nothing.'
          : `Removes ${count(preview.remove.length, 'version')} and frees ${humanSize(preview.frees)}${preview.trash ? ' once the trash is emptied' : ''}.`}{' '}
        <span className="muted">
          Keeps {count(preview.keep.length, 'version')}
          {protectedN > 0 ? `, ${protectedN} of them protected (latest, used by a bento, being written or broken)` : ''}.
        </span>
      </p>
      <div className="cleanup-lists">
        <table className="cleanup-table" aria-label="Versions that go">
          <thead>
            <tr>
              <th>Goes</th>
              <th className="col-num">Frees</th>
            </tr>
          </thead>
          <tbody>
            {preview.remove.slice(0, ROWS).map((r) => (
              <tr key={r.tag}>
                <td className="mono">
                  <MiddleText text={r.tag} tailMin={6} />
                </td>
                <td className="col-num num">{humanSize(r.bytes)}</td>
              </tr>
            ))}
            <MoreRow n={preview.remove.length - ROWS} />
          </tbody>
        </table>
        <table className="cleanup-table" aria-label="Versions that stay">
          <thead>
            <tr>
              <th>Stays</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {preview.keep.slice(0, ROWS).map((k) => (
              <tr key={k.tag}>
                <td className="mono">
                  <MiddleText text={k.tag} tailMin={6} />
                </td>
                <td className="muted cell-ellipsis" title={k.detail}>
                  {k.reason === 'keep-last' && keepLast ? `among the last ${keepLast}` : REASONS[k.reason]}
                </td>
              </tr>
            ))}
            <MoreRow n={preview.keep.length - ROWS} />
          </tbody>
        </table>
      </div>
    </>
  );
}

function Confirm() {
  const preview = useHk((s) => s.preview);
  const running = useHk((s) => s.running);
  if (!preview) return null;
  const n = count(preview.remove.length, 'version');
  return (
    <div className="callout callout-warn" role="alert">
      <p>
        {preview.trash
          ? `Move ${n} (${humanSize(preview.frees)}) to the trash? You can restore them until you empty the trash.`
          : `Delete ${n} for good and free ${humanSize(preview.frees)}? This cannot be undone.`}
      </p>
      <div className="modal-buttons">
        <Button onClick={() => askConfirm(false)} disabled={running} autoFocus>
          Keep them
        </Button>
        <Button variant="danger" onClick={() => void runCleanUp()} disabled={running}>
          {running ? 'Removing…' : preview.trash ? 'Move to trash' : 'Delete for good'}
        </Button>
      </div>
    </div>
  );
}

export function CleanUpSheet() {
  const open = useHk((s) => s.cleanUpOpen);
  const preview = useHk((s) => s.preview);
  const confirming = useHk((s) => s.confirming);
  const suggestion = useHk((s) => s.suggestion);
  const saved = useHk((s) => s.savedRule);
  const form = useHk((s) => s.cleanUp);
  if (!open) return null;
  const n = preview?.remove.length ?? 0;
  const sameAsSaved = saved !== null && JSON.stringify(saved) === JSON.stringify(form);
  return (
    <Modal title="Clean up" titleId="clean-up-title" onClose={closeCleanUp} className="modal-disk">
      {suggestion && !(form.keepLastOn && form.keepLast.trim() === String(suggestion.keepLast) && !form.name && !form.olderOn && !form.labels.trim()) ? (
        <p className="suggestion">
          <Lightbulb size={14} aria-hidden="true" />
          <span>
            Keep the last {suggestion.keepLast} of every model: frees {humanSize(suggestion.frees)} ({count(suggestion.versions, 'version')}).
          </span>
          <Button onClick={applySuggestion}>Use this rule</Button>
        </p>
      ) : null}
      <Rules />
      <Preview />
      {confirming ? <Confirm /> : null}
      <div className="modal-buttons cleanup-buttons">
        {sameAsSaved ? (
          <Button onClick={forgetRule} title="Clean up starts from the default rules again">
            Forget saved rules
          </Button>
        ) : (
          <Button onClick={saveRule} title="Clean up starts from these rules next time for this store">
            Save rules for this store
          </Button>
        )}
        <span className="spacer" />
        <Button onClick={closeCleanUp}>Cancel</Button>
        <Button variant="danger" disabled={n === 0 || confirming} onClick={() => askConfirm(true)}>
          {form.trash ? `Move ${count(n, 'version')} to trash…` : `Delete ${count(n, 'version')}…`}
        </Button>
      </div>
    </Modal>
  );
}
