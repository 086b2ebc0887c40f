import { LoaderCircle, Star, TriangleAlert } from 'lucide-react';
import { memo, useMemo } from 'react';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { useApp } from '../state/store.ts';
import type { ModelGroup } from '../state/model-groups.ts';
import { Mono, Size, TimeAgo } from './Bits.tsx';
import { VERSIONS_LIST_ID } from './ModelList.tsx';
import { SelectableRow, VirtualListbox } from './SelectableList.tsx';

export const VERSION_ROW_HEIGHT = 32;
/** The list's height for `count` versions: every row (plus its borders), the most it ever takes. */
export const versionListHeight = (count: number): number => Math.max(count, 1) * VERSION_ROW_HEIGHT + 2;
export const versionOptionId = (v: ModelVersion): string => `version-${v.name}-${v.version}`;
export const DETAIL_TABS_ID = 'detail-tabs';

const focusDetailTab = (): void => document.querySelector<HTMLElement>(`#${DETAIL_TABS_ID} [aria-selected=true]`)?.focus();

export function VersionList({ group }: { group: ModelGroup }) {
  const activeTag = useApp((s) => s.activeTag);
  const selected = useApp((s) => s.selectedTags);
  const versions = group.versions;
  const keys = useMemo(() => versions.map((v) => v.tag), [versions]);
  const multi = selected.length > 1;
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
      frameStyle={{ height: wanted === null ? `min(${needed}px, 50%)` : Math.min(needed, wanted), minHeight: Math.min(needed, VERSION_ROW_HEIGHT * 2 + 2) }}
      className="version-scroll"
    >
      {(index, top) => {
        const v = versions[index]!;
        return <VersionRow key={v.tag} v={v} top={top} active={v.tag === activeTag} selected={selected.includes(v.tag)} showCheck={multi} />;
      }}
    </VirtualListbox>
  );
}

function StatusBadge({ v }: { v: ModelVersion }) {
  const interrupted = useApp((s) => s.writers[v.tag]?.state === 'interrupted');
  if (v.status === 'incomplete' && interrupted) {
    return (
      <span className="badge badge-warn" title="The save of this version was interrupted: see Overview for what to do.">
        <TriangleAlert size={12} aria-hidden="true" /> interrupted
      </span>
    );
  }
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

/** Numbers among the metadata (accuracy, f1, loss...): the row shows the first few. */
function metrics(v: ModelVersion): [string, number][] {
  return Object.entries(v.metadata).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])).slice(0, 2);
}

const short = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));

/** A version's labels and metrics on its row, cut with an ellipsis (all of them in the tooltip). */
function VersionFacts({ v }: { v: ModelVersion }) {
  const labels = Object.entries(v.labels);
  const nums = metrics(v);
  if (labels.length === 0 && nums.length === 0) return <span className="version-facts" />;
  const title = [...labels.map(([k, val]) => `${k}=${val}`), ...nums.map(([k, n]) => `${k} ${n}`)].join('\n');
  return (
    <span className="version-facts" title={title}>
      {labels.slice(0, 3).map(([k, val]) => (
        <span key={k} className="chip chip-small">
          {k}={val}
        </span>
      ))}
      {nums.map(([k, n]) => (
        <span key={k} className="metric">
          <span className="muted">{k}</span> <span className="num">{short(n)}</span>
        </span>
      ))}
    </span>
  );
}

const VersionRow = memo(function VersionRow({ v, top, active, selected, showCheck }: { v: ModelVersion; top: number; active: boolean; selected: boolean; showCheck: boolean }) {
  const id = versionOptionId(v);
  return (
    <SelectableRow id={id} kind="versions" itemKey={v.tag} label={v.version} className="version-row" top={top} height={VERSION_ROW_HEIGHT} active={active} selected={selected} showCheck={showCheck}>
      <span className="version-marker" aria-hidden="true">
        {v.latest ? <Star size={12} className="latest-star" /> : null}
      </span>
      <Mono text={v.version} max={28} className="version-text" />
      <VersionFacts v={v} />
      <span className="row-meta" id={`${id}-meta`}>
        {v.latest ? <span className="badge badge-latest">latest</span> : null}
        <StatusBadge v={v} />
        {v.status === 'ok' ? <Size bytes={v.size} /> : <span className="num muted">{v.size ? <Size bytes={v.size} /> : '—'}</span>}
        <TimeAgo ms={v.creationTimeMs} text={v.creationTime} />
      </span>
    </SelectableRow>
  );
});
