// The Labels & metadata tab with editing: the create sheet's editors and validation on a saved
// version (model:edit), promote a label value to this version (model:promote), Undo in the notice.
import { ArrowUpFromLine, Pencil } from 'lucide-react';
import { useMemo } from 'react';
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { describeError } from '../../state/error-words.ts';
import { count } from '../../state/format.ts';
import { useHk } from '../../state/housekeeping/hk-store.ts';
import { cancelEdit, checkEdit, editRowOps, promoteLabel, saveEdit, startEdit } from '../../state/housekeeping/label-edit.ts';
import { selectGroup } from '../../state/selectors.ts';
import { useApp } from '../../state/store.ts';
import { Button } from '../Bits.tsx';
import { LabelsEditor, type LabelsTarget } from '../LabelsEditor.tsx';
import { LabelsMetadata } from '../LabelsMetadata.tsx';
import { MetadataEditor, type MetadataTarget } from '../MetadataEditor.tsx';

const labelsTarget = (rows: LabelsTarget['rows']): LabelsTarget => ({
  rows,
  ops: { add: editRowOps.addLabel, remove: editRowOps.removeLabel, setKey: (id, key) => editRowOps.updateLabel(id, { key }) },
  update: editRowOps.updateLabel,
});
const metadataTarget = (rows: MetadataTarget['rows']): MetadataTarget => ({
  rows,
  ops: { add: editRowOps.addMeta, remove: editRowOps.removeMeta, setKey: (id, key) => editRowOps.updateMeta(id, { key }) },
  update: editRowOps.updateMeta,
});

function Editing({ version }: { version: ModelVersion }) {
  const edit = useHk((s) => s.edit);
  if (!edit) return null;
  const check = checkEdit(version, edit.labels, edit.metadata);
  return (
    <form
      className="labels-edit"
      aria-label={`Edit labels and metadata of ${version.tag}`}
      onSubmit={(e) => {
        e.preventDefault();
        void saveEdit(version);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          cancelEdit();
        }
      }}
    >
      <LabelsEditor errors={check.labelErrors} readOnly={edit.saving} target={labelsTarget(edit.labels)} />
      <MetadataEditor errors={check.metaErrors} readOnly={edit.saving} target={metadataTarget(edit.metadata)} />
      {edit.error ? (
        <div className="callout callout-error" role="alert">
          <p>{describeError(edit.error).headline}</p>
          <p className="muted">{describeError(edit.error).detail}</p>
        </div>
      ) : null}
      <div className="labels-edit-footer">
        <span className="muted small labels-edit-reason" id="edit-blocker" title={check.blocker ?? ''}>
          {check.blocker ?? `${count(check.changes, 'change')} to save; the old model.yaml goes to the trash so you can undo.`}
        </span>
        <Button onClick={cancelEdit} disabled={edit.saving}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={check.blocker !== null || edit.saving} aria-describedby="edit-blocker">
          {edit.saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}

/** Label values other versions of this name carry: promoting one moves it here and off them. */
function Promote({ version }: { version: ModelVersion }) {
  const group = useApp((s) => selectGroup(s, version.name));
  const candidates = useMemo(() => {
    const seen = new Map<string, { key: string; value: string; on: number }>();
    for (const v of group?.versions ?? []) {
      if (v.tag === version.tag) continue;
      for (const [key, value] of Object.entries(v.labels)) {
        const id = `${key}=${value}`;
        const c = seen.get(id) ?? { key, value, on: 0 };
        seen.set(id, { ...c, on: c.on + 1 });
      }
    }
    return [...seen.values()].sort((a, b) => (a.key === b.key ? (a.value < b.value ? -1 : 1) : a.key < b.key ? -1 : 1)).slice(0, 8);
  }, [group, version.tag]);
  if (candidates.length === 0) return null;
  return (
    <>
      <h3 className="section-title">Promote</h3>
      <ul className="promote-list">
        {candidates.map((c) => {
          const here = version.labels[c.key] === c.value;
          return (
            <li key={`${c.key}=${c.value}`} className="promote-row">
              <span className="mono">
                {c.key}={c.value}
              </span>
              <span className="muted small">
                {here ? `also on ${count(c.on, 'other version')}` : `on ${count(c.on, 'other version')}`}
              </span>
              <Button icon={ArrowUpFromLine} onClick={() => void promoteLabel(version.tag, c.key, c.value)} title={`Put ${c.key}=${c.value} on this version and take it off the other versions of ${version.name}`}>
                {here ? `Make this the only ${c.key}=${c.value}` : `Promote ${c.key}=${c.value} here`}
              </Button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function LabelsTab({ version }: { version: ModelVersion }) {
  const editing = useHk((s) => s.edit?.tag === version.tag);
  const editable = version.status === 'ok';
  if (editing) return <Editing version={version} />;
  return (
    <div className="labels-tab">
      <div className="labels-tab-actions">
        <Button icon={Pencil} onClick={() => startEdit(version)} disabled={!editable} title={editable ? 'Edit this version’s labels and metadata' : 'Only a complete version can be edited'}>
          Edit labels & metadata
        </Button>
      </div>
      <LabelsMetadata version={version} />
      {editable ? <Promote version={version} /> : null}
    </div>
  );
}
