import { LoaderCircle, TriangleAlert } from 'lucide-react';
import { memo, useMemo } from 'react';
import { useApp } from '../state/store.ts';
import { setSearch } from '../state/actions/filters.ts';
import { count } from '../state/format.ts';
import { chipText, chipTitle, matchReason, type ModelGroup } from '../state/model-groups.ts';
import { selectVisibleGroups } from '../state/selectors.ts';
import { Button, Size, TimeAgo } from './Bits.tsx';
import { MiddleText } from './MiddleText.tsx';
import { SelectableRow, VirtualListbox } from './SelectableList.tsx';
import { FrameworkBadge } from './snippets/FrameworkBadge.tsx';
import { useStoreWriters } from '../hooks/use-store-writers.ts';
import { writeCounts } from '../state/writing-state.ts';
import { nameHit } from '../state/search-match.ts';

export const MODEL_ROW_HEIGHT = 56;
export const modelOptionId = (name: string): string => `model-${name}`;
export const VERSIONS_LIST_ID = 'version-list';

const focusVersions = (): void => document.getElementById(VERSIONS_LIST_ID)?.focus();

export function ModelList() {
  const groups = useApp(selectVisibleGroups);
  const activeName = useApp((s) => s.activeName);
  const selected = useApp((s) => s.selectedNames);
  const search = useApp((s) => s.search);
  const filtering = useApp((s) => s.labelFilters.length > 0);
  const keys = useMemo(() => groups.map((g) => g.name), [groups]);
  useStoreWriters();

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
    <VirtualListbox label="Models" kind="names" keys={keys} active={activeName} rowHeight={MODEL_ROW_HEIGHT} optionId={(i) => modelOptionId(keys[i]!)} onEnter={focusVersions}>
      {(index, top) => {
        const g = groups[index]!;
        // What the search found, worked out here for the shown rows only (not by a selector in each
        // row, run on every store change): the part of the name, or why a model matched otherwise.
        const hit = search ? nameHit(g, search) : null;
        // Keyed by place, not by name: a keystroke that changes the models shown writes the new
        // names and counts into the rows already there instead of building new ones (issue 13).
        // Scrolling is the same either way: a place that leaves the window takes its row with it.
        return (
          <ModelRow
            key={index}
            group={g}
            top={top}
            active={g.name === activeName}
            selected={selected.includes(g.name)}
            showCheck={multi}
            hitStart={hit?.[0] ?? -1}
            hitEnd={hit?.[1] ?? -1}
            why={search ? matchReason(g, search) : null}
          />
        );
      }}
    </VirtualListbox>
  );
}

// Memoized, and so are its parts: a store push re-renders only the rows whose group object
// changed, and a search keystroke that moves a row's marks re-renders its name, not its counts,
// times and chips (issue 13).
const ModelRow = memo(function ModelRow({ group: g, top, active, selected, showCheck, hitStart, hitEnd, why }: { group: ModelGroup; top: number; active: boolean; selected: boolean; showCheck: boolean; hitStart: number; hitEnd: number; why: string | null }) {
  const id = modelOptionId(g.name);
  // The same rule as the version rows and the detail (writing-state.ts): an interrupted save is
  // not work in progress, so it gets a warning mark, never the spinner.
  const writing = useApp((s) => (g.incomplete ? writeCounts(g.versions, s.writers).writing : 0));
  return (
    <SelectableRow id={id} kind="names" itemKey={g.name} label={g.name} className="model-row" top={top} height={MODEL_ROW_HEIGHT} active={active} selected={selected} showCheck={showCheck}>
      <div className="row-main">
        <div className="row-line">
          <RowMarks group={g} writing={writing} />
          <MiddleText text={g.name} className="model-name" mark={hitStart >= 0 ? [hitStart, hitEnd] : null} />
          <RowMeta group={g} id={id} writing={writing} />
        </div>
        {why ? (
          // The search matched something other than the name: say what.
          <div className="row-line chips-line match-why" title={`Matches ${why}`}>
            <span className="small">matches </span>
            <span className="mono small">{why}</span>
          </div>
        ) : (
          <RowChips group={g} />
        )}
      </div>
    </SelectableRow>
  );
});

const RowMarks = memo(function RowMarks({ group: g, writing }: { group: ModelGroup; writing: number }) {
  const interrupted = g.incomplete - writing;
  const warnTitle = [g.broken ? count(g.broken, 'broken version') : '', interrupted ? count(interrupted, 'interrupted save') : ''].filter(Boolean).join(', ');
  return (
    <>
      {warnTitle ? (
        <span className="warn-mark" title={warnTitle}>
          <TriangleAlert size={13} className="warn-icon" aria-hidden="true" />
        </span>
      ) : null}
      {writing ? (
        <span className="busy-mark" title={`${count(writing, 'version')} being written`}>
          <LoaderCircle size={13} className="busy-icon spin" aria-hidden="true" />
        </span>
      ) : null}
    </>
  );
});

const RowMeta = memo(function RowMeta({ group: g, id, writing }: { group: ModelGroup; id: string; writing: number }) {
  const interrupted = g.incomplete - writing;
  return (
    <span className="row-meta" id={`${id}-meta`}>
      <span className="count-badge" title={count(g.versions.length, 'version')}>
        {g.versions.length}
      </span>
      <Size bytes={g.totalSize} />
      <TimeAgo ms={g.newestMs} text={g.newestTime} />
      {g.broken ? <span className="visually-hidden">{count(g.broken, 'broken version')}</span> : null}
      {writing ? <span className="visually-hidden">{count(writing, 'version')} being written</span> : null}
      {interrupted ? <span className="visually-hidden">{count(interrupted, 'interrupted save')}</span> : null}
    </span>
  );
});

const RowChips = memo(function RowChips({ group: g }: { group: ModelGroup }) {
  const chips = g.labelChips;
  const chipsTitle = chips.map((c) => chipTitle(c, g.versions.length)).join('\n');
  return (
    <div className="row-line chips-line" title={chipsTitle || undefined}>
      <FrameworkBadge module={g.latest?.module ?? ''} />
      {chips.length === 0 ? <span className="faint small">no labels</span> : null}
      {chips.slice(0, 4).map((c) => (
        <span key={c.key} className={`chip chip-small${c.values.length > 1 ? ' chip-mixed' : ''}`}>
          {chipText(c)}
        </span>
      ))}
      {chips.length > 4 ? <span className="muted small">+{chips.length - 4}</span> : null}
    </div>
  );
});
