// Which columns the version table shows for this model: created, size, each label key and each
// numeric metadata entry among its versions. Remembered per model (state/versions/version-table.ts).
import { Columns3 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ModelGroup } from '../../state/model-groups.ts';
import { columnChoices, resetTable, toggleColumn, type TableConfig } from '../../state/versions/version-table.ts';

export function ColumnChooser({ group, config }: { group: ModelGroup; config: TableConfig }) {
  const [at, setAt] = useState<{ top: number; right: number; maxHeight: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const open = at !== null;
  useEffect(() => {
    if (!open) return undefined;
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
    const away = (e: PointerEvent): void => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setAt(null);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const show = (): void => {
    const r = button.current?.getBoundingClientRect();
    if (!r) return;
    // Fixed to the window so no scrolling box of the pane cuts it; as tall as the room under the button.
    setAt({ top: r.bottom + 4, right: Math.max(8, window.innerWidth - r.right), maxHeight: Math.max(120, window.innerHeight - r.bottom - 12) });
  };
  const close = (): void => {
    setAt(null);
    button.current?.focus();
  };
  const { labels, metrics } = columnChoices(group.versions);
  const on = new Set(config.columns);
  const box = (id: string, text: string) => (
    <label key={id} className="vt-choice">
      <input type="checkbox" checked={on.has(id)} onChange={() => toggleColumn(group, id)} />
      <span className="vt-choice-text" title={text}>{text}</span>
    </label>
  );
  return (
    <>
      <button ref={button} type="button" className="vt-chooser btn btn-ghost btn-icon" aria-label="Choose columns" title="Choose columns" aria-expanded={open} aria-haspopup="dialog" onClick={() => (open ? close() : show())}>
        <Columns3 size={13} aria-hidden="true" />
      </button>
      {at ? createPortal(
        <div
          ref={panel}
          role="dialog"
          aria-label={`Columns of ${group.name}`}
          className="vt-chooser-panel"
          style={{ top: at.top, right: at.right, maxHeight: at.maxHeight }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <fieldset>
            <legend>Columns</legend>
            {box('created', 'Created')}
            {box('size', 'Size')}
          </fieldset>
          {labels.length ? (
            <fieldset>
              <legend>Labels</legend>
              {labels.map((k) => box(`label:${k}`, k))}
            </fieldset>
          ) : null}
          {metrics.length ? (
            <fieldset>
              <legend>Metrics</legend>
              {metrics.map((k) => box(`metric:${k}`, k))}
            </fieldset>
          ) : (
            <p className="muted vt-none">No numeric metadata to show.</p>
          )}
          <div className="vt-chooser-foot">
            <button type="button" className="btn btn-ghost" onClick={() => resetTable(group)}>Default columns</button>
            <button type="button" className="btn" onClick={close}>Done</button>
          </div>
        </div>,
        // Out of the header (which clips), still in the React tree for its events.
        document.body,
      ) : null}
    </>
  );
}
