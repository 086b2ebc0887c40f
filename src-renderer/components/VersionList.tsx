import { useVirtualizer } from '@tanstack/react-virtual';
import { Check, LoaderCircle, Star, TriangleAlert } from 'lucide-react';
import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useScrollAnchor } from '../hooks/use-scroll-anchor.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { useApp } from '../state/store.ts';
import { setLastPane } from '../state/actions/commands.ts';
import { requestDelete } from '../state/actions/delete.ts';
import { collapseSelection, moveTag, selectAllIn, selectTag } from '../state/actions/selection.ts';
import type { ModelGroup } from '../state/model-groups.ts';
import { Mono, Size, TimeAgo } from './Bits.tsx';
import { modeOf, VERSIONS_LIST_ID } from './ModelList.tsx';

export const VERSION_ROW_HEIGHT = 32;
export const versionOptionId = (v: ModelVersion): string => `version-${v.name}-${v.version}`;
export const DETAIL_TABS_ID = 'detail-tabs';

function onKey(e: KeyboardEvent<HTMLDivElement>, versions: readonly ModelVersion[]): void {
  const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
  if (step !== undefined) moveTag(step, e.shiftKey);
  else if (e.key === 'Home' && versions[0]) selectTag(versions[0].tag, e.shiftKey ? 'range' : 'replace');
  else if (e.key === 'End' && versions.at(-1)) selectTag(versions.at(-1)!.tag, e.shiftKey ? 'range' : 'replace');
  else if (e.key === 'Enter') (document.querySelector(`#${DETAIL_TABS_ID} [aria-selected=true]`) as HTMLElement | null)?.focus();
  else if (e.key === 'Delete' || (e.key === 'Backspace' && (e.metaKey || e.ctrlKey))) void requestDelete('versions');
  else if (e.key.toLowerCase() === 'a' && (e.metaKey || e.ctrlKey)) selectAllIn('versions');
  else if (e.key === 'Escape' && collapseSelection('versions')) e.stopPropagation();
  else return;
  e.preventDefault();
}

export function VersionList({ group }: { group: ModelGroup }) {
  const activeTag = useApp((s) => s.activeTag);
  const selected = useApp((s) => s.selectedTags);
  const versions = group.versions;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: versions.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => VERSION_ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => versions[i]?.tag ?? i,
  });
  const keys = useMemo(() => versions.map((v) => v.tag), [versions]);
  useScrollAnchor(scrollRef, keys, VERSION_ROW_HEIGHT);
  const activeIndex = activeTag ? keys.indexOf(activeTag) : -1;
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeTag]);
  const active = versions[activeIndex];
  const multi = selected.length > 1;
  return (
    <div
      id={VERSIONS_LIST_ID}
      ref={scrollRef}
      className="list-scroll version-scroll"
      role="listbox"
      aria-label={`Versions of ${group.name}`}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={active ? versionOptionId(active) : undefined}
      onKeyDown={(e) => onKey(e, versions)}
      onFocus={() => setLastPane('versions')}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
        {virtualizer.getVirtualItems().map((item) => {
          const v = versions[item.index]!;
          return (
            <VersionRow key={item.key} v={v} top={item.start} active={v.tag === activeTag} selected={selected.includes(v.tag)} showCheck={multi} />
          );
        })}
      </div>
    </div>
  );
}

function StatusBadge({ v }: { v: ModelVersion }) {
  if (v.status === 'incomplete') {
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

const VersionRow = memo(function VersionRow({ v, top, active, selected, showCheck }: { v: ModelVersion; top: number; active: boolean; selected: boolean; showCheck: boolean }) {
  const metaId = `${versionOptionId(v)}-meta`;
  return (
    <div
      id={versionOptionId(v)}
      role="option"
      aria-selected={selected}
      aria-label={v.version}
      aria-describedby={metaId}
      className={`row version-row${active ? ' active' : ''}${selected ? ' selected' : ''}${showCheck ? ' show-check' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: VERSION_ROW_HEIGHT }}
      onClick={(e) => {
        selectTag(v.tag, modeOf(e));
        (e.currentTarget.closest('[role=listbox]') as HTMLElement | null)?.focus();
      }}
    >
      <span
        className="row-check"
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          selectTag(v.tag, 'toggle');
        }}
      >
        {selected && showCheck ? <Check size={10} /> : null}
      </span>
      <span className="version-marker" aria-hidden="true">
        {v.latest ? <Star size={12} className="latest-star" /> : null}
      </span>
      <Mono text={v.version} max={28} className="version-text" />
      <span className="row-meta" id={metaId}>
        {v.latest ? <span className="badge badge-latest">latest</span> : null}
        <StatusBadge v={v} />
        {v.status === 'ok' ? <Size bytes={v.size} /> : <span className="num muted">{v.size ? <Size bytes={v.size} /> : '—'}</span>}
        <TimeAgo ms={v.creationTimeMs} text={v.creationTime} />
      </span>
    </div>
  );
});
