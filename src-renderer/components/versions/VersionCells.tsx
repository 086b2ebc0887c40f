// One cell of the version table per chosen column; the header's grid template is shared with the rows.
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { isMetric, type ColumnId } from '../../state/versions/version-table.ts';
import { Size, TimeAgo } from '../Bits.tsx';

/** Check box, latest marker, version, one track per column, the chooser. */
export function gridTemplate(columns: readonly ColumnId[]): string {
  // Each row is its own grid, so the tracks cannot depend on content: version, created, size and
  // metrics grow up to what their values need, labels up to a chip's width, and a filler before the
  // chooser takes what is left. A narrow pane lowers the version's minimum (--vt-vmin, versions.css).
  const tracks = columns.map((c) =>
    c === 'created' ? 'minmax(56px, 80px)' : c === 'size' ? 'minmax(64px, 88px)' : c.startsWith('metric:') ? 'minmax(30px, 80px)' : 'minmax(30px, 128px)',
  );
  return ['14px', '14px', 'minmax(var(--vt-vmin, 120px), 200px)', ...tracks, 'minmax(22px, 1fr)'].join(' ');
}

// One formatter for every row: Number#toLocaleString('en') builds one per call, and the shown rows
// re-render on every search keystroke (issue 13).
const bytes = new Intl.NumberFormat('en');

/** Numbers as short as they stay readable (0.9512, 1200, 3.142e-5). */
export const shortNumber = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));

export function ColumnCell({ v, column, hit = '' }: { v: ModelVersion; column: ColumnId; hit?: string }) {
  if (column === 'created') return <span className="vt-cell vt-num" title={v.creationTime || undefined}><TimeAgo ms={v.creationTimeMs} text={v.creationTime} /></span>;
  if (column === 'size') {
    return <span className={`vt-cell vt-num${v.status === 'ok' ? '' : ' muted'}`} title={`${bytes.format(v.size)} bytes`}>{v.status === 'ok' || v.size ? <Size bytes={v.size} /> : '—'}</span>;
  }
  if (column.startsWith('label:')) {
    const key = column.slice(6);
    const value = v.labels[key];
    return (
      <span className="vt-cell vt-text" data-column={column} title={value === undefined ? undefined : `${key}=${value}`}>
        {value === undefined ? (
          <span className="muted" aria-label={`no ${key}`}>·</span>
        ) : hit && `${key}=${value}`.toLowerCase().includes(hit) ? (
          // The search matched this label: marked, so the row says why the model was found.
          <mark className="search-hit">{value}</mark>
        ) : (
          value
        )}
      </span>
    );
  }
  const key = column.slice(7);
  const value = v.metadata[key];
  return (
    <span className="vt-cell vt-num num" data-column={column} title={isMetric(value) ? `${key} ${value}` : undefined}>
      {isMetric(value) ? shortNumber(value) : <span className="muted" aria-label={`no ${key}`}>·</span>}
    </span>
  );
}
