// Disk use, opened from the status bar's total: the store as one bar (models, reclaimable
// duplicates, trash, staging), then a bar per model with a segment per version, coloured by age
// or by a label. Figures are store:usage's (what `model-shelf du` prints).
import { BrushCleaning, Link2, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { openCleanUp } from '../../state/housekeeping/clean-up.ts';
import { askDedup, cancelDedupPlan, closeDiskUse, planDedup, runDedup, setColourBy } from '../../state/housekeeping/disk-use.ts';
import { useHk, type ColourBy } from '../../state/housekeeping/hk-store.ts';
import { linkIdentical, setLinkIdentical } from '../../state/housekeeping/settings.ts';
import { openTrash } from '../../state/actions/trash.ts';
import { reveal, selectName } from '../../state/actions/selection.ts';
import { describeError } from '../../state/error-words.ts';
import { count } from '../../state/format.ts';
import { useApp } from '../../state/store.ts';
import { Button } from '../Bits.tsx';
import { Modal } from '../Modal.tsx';
import { UsageBars } from './UsageBars.tsx';
import { colouring, labelKeys } from './usage-colours.ts';

const EMPTY: readonly ModelVersion[] = [];

function StoreBar({ parts }: { parts: readonly { key: string; text: string; bytes: number; className: string }[] }) {
  const sum = parts.reduce((s, p) => s + p.bytes, 0) || 1;
  return (
    <div className="store-bar" aria-hidden="true">
      {parts.map((p) => (p.bytes > 0 ? <span key={p.key} className={`store-part ${p.className}`} style={{ flexGrow: p.bytes / sum }} /> : null))}
    </div>
  );
}

function DedupConfirm() {
  const plan = useHk((s) => s.dedup.plan);
  if (!plan) return null;
  const shown = [...plan.groups].sort((a, b) => b.frees - a.frees).slice(0, 4);
  return (
    <div className="callout callout-warn" role="alert">
      <p>
        Replace {count(plan.files, 'copy', 'copies')} of identical files with links to one stored copy, freeing {humanSize(plan.frees)}? Every version keeps
        the same bytes and BentoML loads it unchanged. A file changed in place afterwards changes in every version that links it; deleting a version never
        changes another.
      </p>
      <ul className="dedup-groups">
        {shown.map((g) => (
          <li key={g.sha256} className="mono small" title={`${g.keep} ← ${g.replace.join(', ')}`}>
            {g.keep} ← {count(g.replace.length, 'copy', 'copies')} ({humanSize(g.frees)})
          </li>
        ))}
        {plan.groups.length > shown.length ? <li className="muted small">and {count(plan.groups.length - shown.length, 'more file')}</li> : null}
      </ul>
      <div className="modal-buttons">
        <Button onClick={() => askDedup(false)} autoFocus>
          Keep the copies
        </Button>
        <Button variant="primary" onClick={() => void runDedup()}>
          Link {count(plan.files, 'file')}
        </Button>
      </div>
    </div>
  );
}

function LinkSetting() {
  const [on, setOn] = useState(linkIdentical);
  return (
    <label className="check small" title="Create and import store a file identical to one already in the store as a link to it (create --dedup)">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          setLinkIdentical(e.target.checked);
          setOn(e.target.checked);
        }}
      />{' '}
      Link identical files on create and import
    </label>
  );
}

function DuplicatesTile() {
  const dedup = useHk((s) => s.dedup);
  let body;
  if (dedup.taskId && !dedup.plan) {
    const p = dedup.progress;
    const share = p && p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : null;
    body = (
      <>
        <span className="tile-figure muted">Looking…</span>
        <progress aria-label="Looking for duplicates" max={1} value={share ?? undefined} />
        <Button onClick={cancelDedupPlan}>Stop looking</Button>
      </>
    );
  } else if (dedup.taskId) {
    body = <span className="tile-figure muted">Linking…</span>;
  } else if (dedup.plan) {
    body = (
      <>
        <span className="tile-figure num">{humanSize(dedup.plan.frees)}</span>
        <span className="muted small">{dedup.plan.files === 0 ? 'No identical files across versions' : `reclaimable from ${count(dedup.plan.files, 'identical file')}`}</span>
        {dedup.plan.files > 0 ? (
          <Button icon={Link2} onClick={() => askDedup(true)}>
            Link identical files…
          </Button>
        ) : null}
      </>
    );
  } else {
    body = (
      <>
        <span className="tile-figure muted">{dedup.error ? describeError(dedup.error).headline : 'Not checked'}</span>
        <Button onClick={() => void planDedup()}>Find duplicates</Button>
      </>
    );
  }
  return (
    <section className="tile tile-dups" aria-label="Duplicates">
      <h3 className="tile-title">
        <span className="swatch swatch-dups" aria-hidden="true" /> Duplicates
      </h3>
      {body}
      <LinkSetting />
    </section>
  );
}

export function DiskUseView() {
  const open = useHk((s) => s.diskOpen);
  const usage = useHk((s) => s.usage);
  const error = useHk((s) => s.usageError);
  const colourBy = useHk((s) => s.colourBy);
  const confirm = useHk((s) => s.dedupConfirm);
  const dupFrees = useHk((s) => s.dedup.plan?.frees ?? 0);
  const versions = useApp((s) => s.snapshot?.versions ?? EMPTY);
  const byTag = useMemo(() => new Map(versions.map((v) => [v.tag, v])), [versions]);
  const colours = useMemo(() => colouring(versions, colourBy), [versions, colourBy]);
  const keys = useMemo(() => labelKeys(versions), [versions]);
  if (!open) return null;
  const go = (fn: () => void): void => {
    closeDiskUse();
    fn();
  };
  const parts = usage
    ? [
        { key: 'models', text: 'Models', bytes: Math.max(0, usage.modelsBytes - dupFrees), className: 'part-models' },
        { key: 'dups', text: 'Duplicates', bytes: Math.min(dupFrees, usage.modelsBytes), className: 'part-dups' },
        { key: 'trash', text: 'Trash', bytes: usage.trashBytes, className: 'part-trash' },
        { key: 'staging', text: 'Staging', bytes: usage.stagingBytes, className: 'part-staging' },
      ]
    : [];
  return (
    <Modal title="Disk use" titleId="disk-use-title" onClose={closeDiskUse} className="modal-disk">
      <div className="disk-head">
        <p className="disk-total">
          {usage ? (
            <>
              <span className="num">{humanSize(usage.totalBytes)}</span> <span className="muted">on disk in {count(usage.models.length, 'model')}</span>
            </>
          ) : error ? null : (
            <span className="muted">Adding up the store…</span>
          )}
        </p>
        <Button icon={BrushCleaning} variant="primary" onClick={() => go(() => void openCleanUp())}>
          Clean up…
        </Button>
      </div>
      {error ? <p role="alert">{describeError(error).headline}</p> : null}
      {usage ? (
        <>
          <StoreBar parts={parts} />
          <div className="tiles">
            <section className="tile" aria-label="Models">
              <h3 className="tile-title">
                <span className="swatch swatch-models" aria-hidden="true" /> Models
              </h3>
              <span className="tile-figure num">{humanSize(usage.modelsBytes)}</span>
              <span className="muted small">{count(versions.length, 'version')}</span>
            </section>
            <DuplicatesTile />
            <section className="tile" aria-label="Trash">
              <h3 className="tile-title">
                <span className="swatch swatch-trash" aria-hidden="true" /> Trash
              </h3>
              <span className="tile-figure num">{humanSize(usage.trashBytes)}</span>
              <Button icon={Trash2} onClick={() => go(() => void openTrash())}>
                Open trash
              </Button>
            </section>
            {/* An empty staging folder is one folder's 4 KiB: only a save in progress is worth a block. */}
            {usage.stagingBytes > 4096 ? (
              <section className="tile" aria-label="Staging">
                <h3 className="tile-title">
                  <span className="swatch swatch-staging" aria-hidden="true" /> Staging
                </h3>
                <span className="tile-figure num">{humanSize(usage.stagingBytes)}</span>
                <span className="muted small">saves in progress</span>
              </section>
            ) : null}
          </div>
          {confirm ? <DedupConfirm /> : null}
          <div className="disk-models-head">
            <h3 className="section-title">By model</h3>
            <label className="colour-by">
              <span>Colour by</span>
              <select aria-label="Colour by" value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)}>
                <option value="age">age</option>
                {keys.map((k) => (
                  <option key={k} value={`label:${k}`}>
                    label {k}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="legend small muted" aria-hidden="true">
            {colourBy === 'age' ? (
              <>
                <span>older</span>
                <span className="legend-age" />
                <span>newer</span>
              </>
            ) : (
              colours.legend.map((l) => (
                <span key={l.text} className="legend-item">
                  <span className="swatch" style={{ background: l.colour }} /> {l.text}
                </span>
              ))
            )}
          </div>
          <div className="disk-scroll">
            <UsageBars models={usage.models} byTag={byTag} colours={colours} onVersion={(tag) => go(() => reveal(tag))} onModel={(name) => go(() => selectName(name))} />
          </div>
          {usage.unreadable.length > 0 ? (
            <p className="muted small" title={usage.unreadable.join('\n')}>
              {count(usage.unreadable.length, 'path')} could not be read; their bytes are not counted.
            </p>
          ) : null}
        </>
      ) : null}
      <div className="modal-buttons">
        <Button onClick={closeDiskUse}>Close</Button>
      </div>
    </Modal>
  );
}
