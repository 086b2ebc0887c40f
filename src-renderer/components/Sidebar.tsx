import { humanSize } from '../../src-main/shared/human-size.ts';
import { useApp } from '../state/store.ts';
import { setSort } from '../state/actions/filters.ts';
import type { SortKey } from '../state/model-groups.ts';
import { selectAllGroups, selectVisibleGroups } from '../state/selectors.ts';
import { useWindowWidth } from '../hooks/use-window-width.ts';
import { MAIN_MIN, SIDE_MIN, setSideWidth, sideWidthFor } from '../state/actions/layout.ts';
import { FilterBar } from './FilterBar.tsx';
import { SavedFilters } from './filters/SavedFilters.tsx';
import { Splitter } from './Splitter.tsx';
import { ModelList } from './ModelList.tsx';
import { RemoteNames } from './remote/RemoteNames.tsx';
import { ShelvesSection } from './remote/ShelvesSection.tsx';
import { useRemote } from '../state/remote/remote-store.ts';

function ModelsHeader() {
  const all = useApp(selectAllGroups);
  const visible = useApp(selectVisibleGroups);
  const sort = useApp((s) => s.sort);
  const total = visible.reduce((sum, g) => sum + g.totalSize, 0);
  const shown = visible.length === all.length ? `${all.length.toLocaleString('en-US')}` : `${visible.length.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')}`;
  return (
    <div className="pane-header">
      <h2 className="pane-title" title={`Models ${shown} · ${humanSize(total)}`}>
        Models <span className="muted num">{shown}</span>
        <span className="muted"> · </span>
        <span className="muted num">{humanSize(total)}</span>
      </h2>
      <label className="sort">
        <select aria-label="Sort models" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          <option value="newest">Newest first</option>
          <option value="name">Name</option>
          <option value="size">Largest first</option>
        </select>
      </label>
    </div>
  );
}

function SidebarSplitter() {
  const wanted = useApp((s) => s.sideWidth);
  const windowWidth = useWindowWidth();
  return (
    <Splitter
      label="Resize the model list"
      orientation="vertical"
      className="side-splitter"
      value={sideWidthFor(windowWidth, wanted)}
      min={SIDE_MIN}
      max={windowWidth - MAIN_MIN}
      step={16}
      measure={() => document.querySelector('.sidebar')?.getBoundingClientRect().width ?? sideWidthFor(windowWidth, wanted)}
      onChange={setSideWidth}
    />
  );
}

export function Sidebar() {
  // While the create sheet is open the list is inert (no click, no focus, no Delete), as behind a dialog.
  const blocked = useApp((s) => s.createOpen);
  const remoteShown = useRemote((s) => s.active !== null);
  return (
    <nav className={`sidebar${blocked ? ' sidebar-blocked' : ''}`} aria-label="Model browser" inert={blocked}>
      {remoteShown ? (
        <RemoteNames />
      ) : (
        <>
          <ModelsHeader />
          <FilterBar />
          <SavedFilters />
          <ModelList />
        </>
      )}
      <ShelvesSection />
      <SidebarSplitter />
    </nav>
  );
}
