import { useVirtualizer } from '@tanstack/react-virtual';
import { Check, LoaderCircle, TriangleAlert } from 'lucide-react';
import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useScrollAnchor } from '../hooks/use-scroll-anchor.ts';
import { useApp } from '../state/store.ts';
import { setLastPane } from '../state/actions/commands.ts';
import { requestDelete } from '../state/actions/delete.ts';
import { setSearch } from '../state/actions/filters.ts';
import { collapseSelection, moveName, selectAllIn, selectName, type SelectMode } from '../state/actions/selection.ts';
import { count } from '../state/format.ts';
import type { ModelGroup } from '../state/model-groups.ts';
import { selectVisibleGroups } from '../state/selectors.ts';
import { Button, Size, TimeAgo } from './Bits.tsx';

export const MODEL_ROW_HEIGHT = 56;
export const modelOptionId = (name: string): string => `model-${name}`;
export const VERSIONS_LIST_ID = 'version-list';

export function modeOf(e: MouseEvent | KeyboardEvent): SelectMode {
  return e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'replace';
}

function onKey(e: KeyboardEvent<HTMLDivElement>, groups: readonly ModelGroup[]): void {
  const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
  if (step !== undefined) moveName(step, e.shiftKey);
  else if (e.key === 'Home' && groups[0]) selectName(groups[0].name, e.shiftKey ? 'range' : 'replace');
  else if (e.key === 'End' && groups.at(-1)) selectName(groups.at(-1)!.name, e.shiftKey ? 'range' : 'replace');
  else if (e.key === 'Enter') document.getElementById(VERSIONS_LIST_ID)?.focus();
  else if (e.key === 'Delete' || (e.key === 'Backspace' && (e.metaKey || e.ctrlKey))) void requestDelete('names');
  else if (e.key.toLowerCase() === 'a' && (e.metaKey || e.ctrlKey)) selectAllIn('names');
  else if (e.key === 'Escape' && collapseSelection('names')) e.stopPropagation();
  else return;
  e.preventDefault();
}

export function ModelList() {
  const groups = useApp(selectVisibleGroups);
  const activeName = useApp((s) => s.activeName);
  const selected = useApp((s) => s.selectedNames);
  const search = useApp((s) => s.search);
  const filtering = useApp((s) => s.labelFilters.length > 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => MODEL_ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => groups[i]?.name ?? i,
  });
  const keys = useMemo(() => groups.map((g) => g.name), [groups]);
  useScrollAnchor(scrollRef, keys, MODEL_ROW_HEIGHT);
  const activeIndex = activeName ? keys.indexOf(activeName) : -1;
  // Follow the keyboard, but never on a store push (activeName does not change then), so the
  // scroll position stays where the user left it.
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeName]);

  if (groups.length === 0 && (search || filtering)) {
    return (
      <div className="list-empty" role="status">
        <p>No models match {search ? <>“{search}”</> : 'these filters'}.</p>
        {search ? <Button onClick={() => setSearch('')}>Clear search</Button> : null}
      </div>
    );
  }
  const multi = selected.length > 1;
  return (
    <div
      ref={scrollRef}
      className="list-scroll"
      role="listbox"
      aria-label="Models"
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? modelOptionId(activeName!) : undefined}
      onKeyDown={(e) => onKey(e, groups)}
      onFocus={() => setLastPane('models')}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
        {virtualizer.getVirtualItems().map((item) => {
          const g = groups[item.index]!;
          return (
            <ModelRow
              key={item.key}
              group={g}
              top={item.start}
              active={g.name === activeName}
              selected={selected.includes(g.name)}
              showCheck={multi}
            />
          );
        })}
      </div>
    </div>
  );
}

// Memoized: a store push re-renders only the rows whose group object changed.
const ModelRow = memo(function ModelRow({ group: g, top, active, selected, showCheck }: { group: ModelGroup; top: number; active: boolean; selected: boolean; showCheck: boolean }) {
  const labels = Object.entries(g.labels);
  const metaId = `${modelOptionId(g.name)}-meta`;
  return (
    <div
      id={modelOptionId(g.name)}
      role="option"
      aria-selected={selected}
      aria-label={g.name}
      aria-describedby={metaId}
      className={`row model-row${active ? ' active' : ''}${selected ? ' selected' : ''}${showCheck ? ' show-check' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: MODEL_ROW_HEIGHT }}
      onClick={(e) => {
        selectName(g.name, modeOf(e));
        (e.currentTarget.closest('[role=listbox]') as HTMLElement | null)?.focus();
      }}
    >
      <span
        className="row-check"
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          selectName(g.name, 'toggle');
        }}
      >
        {selected && showCheck ? <Check size={10} /> : null}
      </span>
      <div className="row-main">
        <div className="row-line">
          {g.broken ? <TriangleAlert size={13} className="warn-icon" aria-hidden="true" /> : null}
          {g.incomplete ? <LoaderCircle size={13} className="busy-icon spin" aria-hidden="true" /> : null}
          <span className="model-name">{g.name}</span>
          <span className="row-meta" id={metaId}>
            <span className="count-badge" title={count(g.versions.length, 'version')}>
              {g.versions.length}
            </span>
            <Size bytes={g.totalSize} />
            <TimeAgo ms={g.newestMs} text={g.newestTime} />
            {g.broken ? <span className="visually-hidden">{count(g.broken, 'broken version')}</span> : null}
            {g.incomplete ? <span className="visually-hidden">{count(g.incomplete, 'version')} being written</span> : null}
          </span>
        </div>
        <div className="row-line chips-line">
          {labels.length === 0 ? <span className="faint small">no labels</span> : null}
          {labels.slice(0, 4).map(([k, v]) => (
            <span key={k} className="chip chip-small" title={`${k}=${v}`}>
              {k}={v}
            </span>
          ))}
          {labels.length > 4 ? <span className="muted small">+{labels.length - 4}</span> : null}
        </div>
      </div>
    </div>
  );
});
