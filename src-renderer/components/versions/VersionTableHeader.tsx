// The version table's header: each title sorts by its column (again: the other way), and the
// last button chooses the columns, per model.
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { ModelGroup } from '../../state/model-groups.ts';
import { columnTitle, sortBy, type TableConfig } from '../../state/versions/version-table.ts';
import { ColumnChooser } from './ColumnChooser.tsx';

function SortButton({ group, config, id }: { group: ModelGroup; config: TableConfig; id: string }) {
  const on = config.sort.by === id;
  const title = columnTitle(id);
  const numeric = id === 'created' || id === 'size' || id.startsWith('metric:');
  const next = on ? (config.sort.dir === 'asc' ? 'descending' : 'ascending') : numeric ? 'descending' : 'ascending';
  return (
    <button
      type="button"
      className={`vt-head${numeric ? ' vt-num' : ''}${on ? ' vt-sorted' : ''}`}
      onClick={() => sortBy(group, id)}
      title={`${title}: sort ${next}`}
      aria-label={`${title}${on ? `, sorted ${config.sort.dir === 'asc' ? 'ascending' : 'descending'}` : ''}`}
    >
      <span className="vt-head-text">{title}</span>
      {on ? config.sort.dir === 'asc' ? <ArrowUp size={11} aria-hidden="true" /> : <ArrowDown size={11} aria-hidden="true" /> : null}
    </button>
  );
}

export function VersionTableHeader({ group, config }: { group: ModelGroup; config: TableConfig }) {
  return (
    <div className="vt-header" role="toolbar" aria-label={`Sort the versions of ${group.name}`}>
      <span />
      <span />
      <SortButton group={group} config={config} id="version" />
      {config.columns.map((c) => (
        <SortButton key={c} group={group} config={config} id={c} />
      ))}
      <ColumnChooser group={group} config={config} />
    </div>
  );
}
