import { useApp } from '../state/store.ts';
import { updateLabel } from '../state/actions/create-form-edit.ts';
import { EditorSection } from './EditorSection.tsx';

export function LabelsEditor({ errors, readOnly }: { errors: ReadonlyMap<number, string>; readOnly: boolean }) {
  const rows = useApp((s) => s.form.labels);
  return (
    <EditorSection kind="labels" rows={rows} errors={errors} readOnly={readOnly}>
      {(r, name) => (
        <>
          <span className="eq" aria-hidden="true">=</span>
          <input
            className="mono"
            placeholder="value"
            aria-label={`${name} value`}
            value={r.value}
            spellCheck={false}
            onChange={(e) => updateLabel(r.id, { value: e.target.value })}
          />
        </>
      )}
    </EditorSection>
  );
}
