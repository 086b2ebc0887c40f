// The create sheet's Labels and Metadata editors share their frame: a labelled group of rows,
// each with a key field, a remove button and its own error line, and an "Add" button that
// focuses the new row's key.
import { Minus, Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import { addLabelRow, addMetaRow, removeLabel, removeMeta, updateLabel, updateMeta } from '../state/actions/create-form-edit.ts';
import { Button } from './Bits.tsx';

export interface RowOps {
  readonly add: () => number;
  readonly remove: (id: number) => void;
  readonly setKey: (id: number, key: string) => void;
}

interface Row {
  readonly id: number;
  readonly key: string;
}

const SECTIONS = {
  labels: {
    title: 'Labels',
    rowName: 'Label',
    idPrefix: 'label',
    addText: 'Add label',
    add: addLabelRow,
    remove: removeLabel,
    setKey: (id: number, key: string) => updateLabel(id, { key }),
    className: '',
    keyErrors: true,
  },
  metadata: {
    title: 'Metadata',
    rowName: 'Metadata',
    idPrefix: 'meta',
    addText: 'Add metadata',
    add: () => addMetaRow(),
    remove: removeMeta,
    setKey: (id: number, key: string) => updateMeta(id, { key }),
    className: ' meta-row',
    // A metadata row's error is mostly about its value; the key stays unmarked.
    keyErrors: false,
  },
} as const;

/**
 * Rows are named `${rowName} N` ('Label 1 key', 'Remove label 1'); element ids are
 * `${idPrefix}-key-${id}` and `${idPrefix}-err-${id}`. `children` renders a row's fields after
 * its key; `errId` is set while the row has an error.
 */
export function EditorSection<R extends Row>({ kind, rows, errors, readOnly, children, ops }: {
  kind: keyof typeof SECTIONS;
  /** Another form's row operations (the Labels & metadata tab's editing); the create form's by default. */
  ops?: RowOps;
  rows: readonly R[];
  errors: ReadonlyMap<number, string>;
  readOnly: boolean;
  children: (row: R, name: string, errId: string | undefined) => ReactNode;
}) {
  const { title, rowName, idPrefix, addText, className, keyErrors } = SECTIONS[kind];
  const { add: onAdd, remove: onRemove, setKey: onKey } = ops ?? SECTIONS[kind];
  const add = (): void => {
    const id = onAdd();
    requestAnimationFrame(() => document.getElementById(`${idPrefix}-key-${id}`)?.focus());
  };
  return (
    <fieldset className="editor" disabled={readOnly}>
      <legend className="visually-hidden">{title}</legend>
      <span className="field-label" aria-hidden="true">
        {title}
      </span>
      <div className="editor-rows">
        {rows.map((r, i) => {
          const err = errors.get(r.id);
          const errId = err ? `${idPrefix}-err-${r.id}` : undefined;
          const name = `${rowName} ${i + 1}`;
          return (
            <div key={r.id} className="editor-row-wrap">
              <div className={`editor-row${className}`}>
                <input
                  id={`${idPrefix}-key-${r.id}`}
                  className="mono"
                  placeholder="key"
                  aria-label={`${name} key`}
                  aria-invalid={err && keyErrors ? true : undefined}
                  aria-describedby={keyErrors ? errId : undefined}
                  value={r.key}
                  spellCheck={false}
                  onChange={(e) => onKey(r.id, e.target.value)}
                />
                {children(r, name, errId)}
                <Button icon={Minus} variant="ghost" label={`Remove ${name.toLowerCase()}`} onClick={() => onRemove(r.id)} />
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
          {addText}
        </Button>
      </div>
    </fieldset>
  );
}
