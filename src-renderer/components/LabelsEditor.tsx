import { Minus, Plus } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { addLabelRow, removeLabel, updateLabel } from '../state/actions/create-form-edit.ts';
import { Button } from './Bits.tsx';

export function LabelsEditor({ errors, readOnly }: { errors: ReadonlyMap<number, string>; readOnly: boolean }) {
  const rows = useApp((s) => s.form.labels);
  const add = (): void => {
    const id = addLabelRow();
    requestAnimationFrame(() => document.getElementById(`label-key-${id}`)?.focus());
  };
  return (
    <fieldset className="editor" disabled={readOnly}>
      <legend className="visually-hidden">Labels</legend>
      <span className="field-label" aria-hidden="true">
        Labels
      </span>
      <div className="editor-rows">
      {rows.map((r, i) => {
        const err = errors.get(r.id);
        return (
          <div key={r.id} className="editor-row-wrap">
            <div className="editor-row">
              <input
                id={`label-key-${r.id}`}
                className="mono"
                placeholder="key"
                aria-label={`Label ${i + 1} key`}
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? `label-err-${r.id}` : undefined}
                value={r.key}
                spellCheck={false}
                onChange={(e) => updateLabel(r.id, { key: e.target.value })}
              />
              <span className="eq" aria-hidden="true">=</span>
              <input
                className="mono"
                placeholder="value"
                aria-label={`Label ${i + 1} value`}
                value={r.value}
                spellCheck={false}
                onChange={(e) => updateLabel(r.id, { value: e.target.value })}
              />
              <Button icon={Minus} variant="ghost" label={`Remove label ${i + 1}`} onClick={() => removeLabel(r.id)} />
            </div>
            {err ? (
              <p className="field-error" id={`label-err-${r.id}`}>
                {err}
              </p>
            ) : null}
          </div>
        );
      })}
      <Button icon={Plus} variant="ghost" onClick={add}>
        Add label
      </Button>
      </div>
    </fieldset>
  );
}
