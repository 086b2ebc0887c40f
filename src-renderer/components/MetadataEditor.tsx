import { useApp } from '../state/store.ts';
import { updateMeta } from '../state/actions/create-form-edit.ts';
import { META_TYPES, type MetaType } from '../state/metadata-parse.ts';
import type { MetaRow } from '../state/slices/create-slice.ts';
import { EditorSection, type RowOps } from './EditorSection.tsx';

/** Rows and operations of another form than the create sheet's (editing a saved version). */
export interface MetadataTarget {
  readonly rows: readonly MetaRow[];
  readonly ops: RowOps;
  readonly update: (id: number, patch: Partial<Omit<MetaRow, 'id'>>) => void;
}

const PLACEHOLDER: Record<MetaType, string> = {
  text: 'any text',
  number: '0.9667',
  boolean: '',
  date: 'YYYY-MM-DD',
  json: '{"max_depth": 4}',
};

function ValueInput({ row, name, errId, updateMeta }: { row: MetaRow; name: string; errId: string | undefined; updateMeta: MetadataTarget['update'] }) {
  if (row.type === 'boolean') {
    return (
      <select aria-label={name} value={row.text} onChange={(e) => updateMeta(row.id, { text: e.target.value })}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  const common = {
    className: 'mono meta-value',
    placeholder: PLACEHOLDER[row.type],
    'aria-label': name,
    'aria-invalid': errId ? true : undefined,
    'aria-describedby': errId,
    value: row.text,
    spellCheck: false,
  };
  // JSON is often longer than a line: a textarea that grows with its content (CSS field-sizing).
  if (row.type === 'json') return <textarea {...common} rows={1} onChange={(e) => updateMeta(row.id, { text: e.target.value })} />;
  return <input {...common} type="text" inputMode={row.type === 'number' ? 'decimal' : undefined} onChange={(e) => updateMeta(row.id, { text: e.target.value })} />;
}

export function MetadataEditor({ errors, readOnly, target }: { errors: ReadonlyMap<number, string>; readOnly: boolean; target?: MetadataTarget }) {
  const formRows = useApp((s) => s.form.metadata);
  const rows = target?.rows ?? formRows;
  const update = target?.update ?? updateMeta;
  return (
    <EditorSection kind="metadata" rows={rows} errors={errors} readOnly={readOnly} ops={target?.ops}>
      {(r, name, errId) => (
        <>
          <select aria-label={`${name} type`} value={r.type} onChange={(e) => update(r.id, { type: e.target.value as MetaType })}>
            {META_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
          <ValueInput row={r} name={`${name} value`} errId={errId} updateMeta={update} />
        </>
      )}
    </EditorSection>
  );
}
