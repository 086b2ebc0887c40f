import { Minus, Plus } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { addMetaRow, removeMeta, updateMeta } from '../state/actions/create-form-edit.ts';
import { META_TYPES, type MetaType } from '../state/metadata-parse.ts';
import type { MetaRow } from '../state/slices/create-slice.ts';
import { Button } from './Bits.tsx';

const PLACEHOLDER: Record<MetaType, string> = {
  text: 'any text',
  number: '0.9667',
  boolean: '',
  date: 'YYYY-MM-DD',
  json: '{"max_depth": 4}',
};

function ValueInput({ row, index, errId }: { row: MetaRow; index: number; errId: string | undefined }) {
  const name = `Metadata ${index + 1} value`;
  if (row.type === 'boolean') {
    return (
      <select aria-label={name} value={row.text} onChange={(e) => updateMeta(row.id, { text: e.target.value })}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  return (
    <input
      className="mono"
      type={row.type === 'date' ? 'text' : 'text'}
      inputMode={row.type === 'number' ? 'decimal' : undefined}
      placeholder={PLACEHOLDER[row.type]}
      aria-label={name}
      aria-invalid={errId ? true : undefined}
      aria-describedby={errId}
      value={row.text}
      spellCheck={false}
      onChange={(e) => updateMeta(row.id, { text: e.target.value })}
    />
  );
}

export function MetadataEditor({ errors, readOnly }: { errors: ReadonlyMap<number, string>; readOnly: boolean }) {
  const rows = useApp((s) => s.form.metadata);
  const add = (): void => {
    const id = addMetaRow();
    requestAnimationFrame(() => document.getElementById(`meta-key-${id}`)?.focus());
  };
  return (
    <fieldset className="editor" disabled={readOnly}>
      <legend className="visually-hidden">Metadata</legend>
      <span className="field-label" aria-hidden="true">
        Metadata
      </span>
      <div className="editor-rows">
      {rows.map((r, i) => {
        const err = errors.get(r.id);
        const errId = err ? `meta-err-${r.id}` : undefined;
        return (
          <div key={r.id} className="editor-row-wrap">
            <div className="editor-row meta-row">
              <input
                id={`meta-key-${r.id}`}
                className="mono"
                placeholder="key"
                aria-label={`Metadata ${i + 1} key`}
                value={r.key}
                spellCheck={false}
                onChange={(e) => updateMeta(r.id, { key: e.target.value })}
              />
              <select aria-label={`Metadata ${i + 1} type`} value={r.type} onChange={(e) => updateMeta(r.id, { type: e.target.value as MetaType })}>
                {META_TYPES.map((t) => (
                  <option key={t.type} value={t.type}>
                    {t.label}
                  </option>
                ))}
              </select>
              <ValueInput row={r} index={i} errId={errId} />
              <Button icon={Minus} variant="ghost" label={`Remove metadata ${i + 1}`} onClick={() => removeMeta(r.id)} />
            </div>
            {err ? (
              <p className="field-error" id={errId}>
                {err}
              </p>
            ) : null}
          </div>
        );
      })}
      <Button icon={Plus} variant="ghost" onClick={add}>
        Add metadata
      </Button>
      </div>
    </fieldset>
  );
}
