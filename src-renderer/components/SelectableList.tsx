// The model list and the version list: one virtualized, multi-select listbox each.
import { Check } from 'lucide-react';
import type { CSSProperties, ReactNode } from 'react';
import { modeOf, onListKey, selectRow, useSelectableList, type ListKind } from '../hooks/use-selectable-list.ts';
import { setLastPane } from '../state/actions/commands.ts';

/** Rows of `rowHeight` for `keys` (names or tags); `optionId(i)` is row i's element id. */
export function VirtualListbox({ id, label, kind, keys, active, rowHeight, optionId, onEnter, frameClass, frameStyle, className, style, header, hidden = false, children }: {
  id?: string;
  label: string;
  kind: ListKind;
  keys: readonly string[];
  active: string | null;
  rowHeight: number;
  optionId: (index: number) => string;
  /** Enter moves on (to the versions, to the detail tabs). */
  onEnter: () => void;
  frameClass?: string;
  frameStyle?: CSSProperties;
  className?: string;
  style?: CSSProperties;
  /** Above the rows, outside the scroller (the version table's column titles). */
  header?: ReactNode;
  /** Out of sight in a pane kept built (VersionPane): shown again, it follows the active row again. */
  hidden?: boolean;
  children: (index: number, top: number) => ReactNode;
}) {
  const { scrollRef, virtualizer, activeIndex } = useSelectableList(keys, active, rowHeight, hidden);
  return (
    <div className={`list-frame${frameClass ? ` ${frameClass}` : ''}`} style={frameStyle}>
      {header}
      <div
        id={id}
        ref={scrollRef}
        className={`list-scroll${className ? ` ${className}` : ''}`}
        style={style}
        role="listbox"
        aria-label={label}
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        onKeyDown={(e) => onListKey(e, kind, keys, onEnter)}
        onFocus={() => setLastPane(kind === 'names' ? 'models' : 'versions')}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
          {virtualizer.getVirtualItems().map((item) => children(item.index, item.start))}
        </div>
      </div>
    </div>
  );
}

/** One option of a virtualized listbox: click picks (Ctrl/Shift extend), the box toggles. */
export function SelectableRow({ id, kind, itemKey, label, className, top, height, active, selected, showCheck, children }: {
  id: string;
  kind: ListKind;
  itemKey: string;
  label: string;
  className: string;
  top: number;
  height: number;
  active: boolean;
  selected: boolean;
  showCheck: boolean;
  children: ReactNode;
}) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-label={label}
      aria-describedby={`${id}-meta`}
      className={`row ${className}${active ? ' active' : ''}${selected ? ' selected' : ''}${showCheck ? ' show-check' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(e) => {
        selectRow(kind, itemKey, modeOf(e));
        e.currentTarget.closest<HTMLElement>('[role=listbox]')?.focus();
      }}
    >
      <span
        className="row-check"
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          selectRow(kind, itemKey, 'toggle');
        }}
      >
        {selected && showCheck ? <Check size={10} /> : null}
      </span>
      {children}
    </div>
  );
}
