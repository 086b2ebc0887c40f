import { useApp } from '../state/store.ts';
import { updateLabel } from '../state/actions/create-form-edit.ts';
import type { LabelRow } from '../state/slices/create-slice.ts';
import { EditorSection, type RowOps } from './EditorSection.tsx';

/** Rows and operations of another form than the create sheet's (editing a saved version). */
export interface LabelsTarget {
  readonly rows: readonly LabelRow[];
  readonly ops: RowOps;
  readonly update: (id: number, patch: Partial<Omit<LabelRow, 'id'>>) => void;
}

export function LabelsEditor({ errors, readOnly, target }: { errors: ReadonlyMap<number, string>; readOnly: boolean; target?: LabelsTarget }) {
  const formRows = useApp((s) => s.form.labels);
  const rows = target?.rows ?? formRows;
  const update = target?.update ?? updateLabel;
  return (
    <EditorSection kind="labels" rows={rows} errors={errors} readOnly={readOnly} ops={target?.ops}>
      {(r, name) => (
        <>
          <span className="eq" aria-hidden="true">=</span>
          <input
            className="mono"
            placeholder="value"
            aria-label={`${name} value`}
            value={r.value}
            spellCheck={false}
            onChange={(e) => update(r.id, { value: e.target.value })}
          />
        </>
      )}
    </EditorSection>
  );
}
