import { LoaderCircle, Star, TriangleAlert } from 'lucide-react';
import { memo, useMemo } from 'react';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { useApp } from '../state/store.ts';
import type { ModelGroup } from '../state/model-groups.ts';
import { Mono } from './Bits.tsx';
import { VERSIONS_LIST_ID } from './ModelList.tsx';
import { SelectableRow, VirtualListbox } from './SelectableList.tsx';
import { configFor, sortVersions, useVersionTable, type ColumnId } from '../state/versions/version-table.ts';
import { ColumnCell, gridTemplate } from './versions/VersionCells.tsx';
import { writeStateOf } from '../state/writing-state.ts';
import { VersionTableHeader } from './versions/VersionTableHeader.tsx';

export const VERSION_ROW_HEIGHT = 32;
/** The version table's column titles above the rows. */
export const VERSION_HEADER_HEIGHT = 24;
/** The list's height for `count` versions: the titles and every row (plus its borders), the most it ever takes. */
export const versionListHeight = (count: number): number => VERSION_HEADER_HEIGHT + Math.max(count, 1) * VERSION_ROW_HEIGHT + 2;
export const versionOptionId = (v: ModelVersion): string => `version-${v.name}-${v.version}`;
export const DETAIL_TABS_ID = 'detail-tabs';

const focusDetailTab = (): void => document.querySelector<HTMLElement>(`#${DETAIL_TABS_ID} [aria-selected=true]`)?.focus();

/** `hidden`: the pane is kept built while a search hides the model; shown again, the list goes back to the active row. */
export function VersionList({ group, hidden = false }: { group: ModelGroup; hidden?: boolean }) {
  const activeTag = useApp((s) => s.activeTag);
  const ticked = useApp((s) => s.selectedTags);
  const marked = useApp((s) => s.marked);
  // A bulk selection (across models) shows its own ticks; otherwise the list's own multi-selection.
  const selected = useMemo(() => new Set(marked ?? ticked), [marked, ticked]);
  const stored = useVersionTable((t) => t.byModel[group.name]);
  const config = useMemo(() => stored ?? configFor({}, group), [stored, group]);
  // Sorted by the header the person clicked (the snapshot's newest-first order by default).
  const versions = sortVersions(group.versions, config.sort);
  const keys = useMemo(() => versions.map((v) => v.tag), [versions]);
  const multi = marked !== null || ticked.length > 1;
  // What the search matched in this table (a version prefix, label text), marked on the rows.
  const hit = useApp((s) => {
    const q = s.search.trim().toLowerCase();
    return q && !q.includes(':') ? q : '';
  });
  const wanted = useApp((s) => s.versionsHeight);
  // As tall as its rows, up to half the pane or the height the person dragged it to (the splitter
  // under it); the detail keeps its minimum (CSS). The height changes only with the number of
  // versions, so a push that rewrites a version never moves the toolbar and tabs below.
  const needed = versionListHeight(versions.length);
  return (
    <VirtualListbox
      id={VERSIONS_LIST_ID}
      label={`Versions of ${group.name}`}
      kind="versions"
      keys={keys}
      active={activeTag}
      rowHeight={VERSION_ROW_HEIGHT}
      optionId={(i) => versionOptionId(versions[i]!)}
      onEnter={focusDetailTab}
      frameClass="version-frame"
      frameStyle={{ height: wanted === null ? `min(${needed}px, calc(50% + 12px))` : Math.min(needed, wanted), minHeight: Math.min(needed, VERSION_HEADER_HEIGHT + VERSION_ROW_HEIGHT * 2 + 2), ['--vt-cols' as string]: gridTemplate(config.columns) }}
      className="version-scroll"
      header={<VersionTableHeader group={group} config={config} />}
      hidden={hidden}
    >
      {(index, top) => {
        const v = versions[index]!;
        // Only a row the search marks gets the query: the others stay as they are while it is typed.
        return <VersionRow key={v.tag} v={v} top={top} active={v.tag === activeTag} selected={selected.has(v.tag)} showCheck={multi} columns={config.columns} hit={hit && marksIn(v, hit) ? hit : ''} />;
      }}
    </VirtualListbox>
  );
}

/** Does the search `hit` (lowercase) mark anything in the version's row: its version's start, a label? */
function marksIn(v: ModelVersion, hit: string): boolean {
  if (v.version.toLowerCase().startsWith(hit)) return true;
  for (const [k, val] of Object.entries(v.labels)) if (`${k}=${val}`.toLowerCase().includes(hit)) return true;
  return false;
}

function StatusBadge({ v }: { v: ModelVersion }) {
  const state = useApp((s) => writeStateOf(v, s.writers));
  if (state === 'interrupted') {
    return (
      <span className="badge badge-warn" title="The save of this version was interrupted: see Overview for what to do.">
        <TriangleAlert size={12} aria-hidden="true" /> interrupted
      </span>
    );
  }
  if (state === 'writing') {
    return (
      <span className="badge badge-busy" title={v.problem ?? 'Another program is still writing this version.'}>
        <LoaderCircle size={12} className="spin" aria-hidden="true" /> writing...
      </span>
    );
  }
  if (v.status === 'broken') {
    return (
      <span className="badge badge-warn" title={v.problem ?? 'This version cannot be read.'}>
        <TriangleAlert size={12} aria-hidden="true" /> broken
      </span>
    );
  }
  return null;
}

const VersionRow = memo(function VersionRow({ v, top, active, selected, showCheck, columns, hit }: { v: ModelVersion; top: number; active: boolean; selected: boolean; showCheck: boolean; columns: readonly ColumnId[]; hit: string }) {
  const prefix = hit && v.version.toLowerCase().startsWith(hit) ? hit.length : 0;
  const id = versionOptionId(v);
  return (
    <SelectableRow id={id} kind="versions" itemKey={v.tag} label={v.version} className="version-row" top={top} height={VERSION_ROW_HEIGHT} active={active} selected={selected} showCheck={showCheck}>
      <span className="version-marker" aria-hidden="true" title={v.latest ? 'latest' : undefined}>
        {v.latest ? <Star size={12} className="latest-star" /> : null}
      </span>
      <span className="vt-version" title={v.problem ? `${v.version}: ${v.problem}` : v.version}>
        {prefix ? (
          <span className="mono version-text">
            <mark className="search-hit">{v.version.slice(0, prefix)}</mark>
            {v.version.slice(prefix)}
          </span>
        ) : (
          <Mono text={v.version} max={28} className="version-text" />
        )}
        <span className="row-meta" id={`${id}-meta`}>
          {/* The star marks latest on screen (and the header says which); the word is for screen readers. */}
          {v.latest ? <span className="visually-hidden">latest</span> : null}
          <StatusBadge v={v} />
        </span>
      </span>
      {columns.map((c) => (
        <ColumnCell key={c} v={v} column={c} hit={hit} />
      ))}
      <span />
    </SelectableRow>
  );
});
