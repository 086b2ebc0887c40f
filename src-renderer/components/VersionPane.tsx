import { Copy, Download, FolderOpen, SearchX, Tags, Terminal, Trash2, Wrench } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { revealActive } from '../state/actions/commands.ts';
import { copyText, pythonSnippet } from '../state/actions/clipboard.ts';
import { requestDelete } from '../state/actions/delete.ts';
import { exportActive } from '../state/actions/io.ts';
import { checkRepair } from '../state/actions/store-actions.ts';
import { count } from '../state/format.ts';
import type { ModelGroup } from '../state/model-groups.ts';
import { clearSearchAndFilters } from '../state/actions/filters.ts';
import { selectActionable, selectActiveGroup, selectShownGroup, selectVersion } from '../state/selectors.ts';
import { Button, Mono, Size, TimeAgo, MOD } from './Bits.tsx';
import { MiddleText } from './MiddleText.tsx';
import { VersionDetail } from './VersionDetail.tsx';
import { PushButton } from './remote/PushButton.tsx';
import { CompareButton } from './compare/CompareButton.tsx';
import { VERSION_ROW_HEIGHT, VersionList, versionListHeight } from './VersionList.tsx';
import { Splitter } from './Splitter.tsx';
import { BulkBar } from './bulk/BulkBar.tsx';
import { useShallow } from 'zustand/react/shallow';
import { exportMany, openRelabel } from '../state/bulk/bulk-actions.ts';
import { useEffect, useMemo } from 'react';
import { refreshWriters } from '../state/actions/fix.ts';
import { VERSIONS_MIN, setVersionsHeight } from '../state/actions/layout.ts';

function GroupHeader({ group }: { group: ModelGroup }) {
  const latest = group.latest;
  return (
    <div className="group-header">
      <div className="group-title-line">
        <h1 className="group-title">
          <MiddleText text={group.name} className="group-title-text" />
        </h1>
        <Button icon={Trash2} variant="ghost" onClick={() => void requestDelete('names')} title={`Move every version of ${group.name} to the trash`}>
          Delete model…
        </Button>
      </div>
      <p className="group-summary muted">
        {count(group.versions.length, 'version')} · <Size bytes={group.totalSize} />
        {latest ? (
          <>
            {' '}· latest <Mono text={latest.version} max={20} /> <span>(<TimeAgo ms={latest.creationTimeMs} text={latest.creationTime} />)</span>
          </>
        ) : null}
      </p>
    </div>
  );
}

/** The bar under the version list: drag it down for more versions, up for more detail. */
function VersionsSplitter({ count }: { count: number }) {
  const wanted = useApp((s) => s.versionsHeight);
  const needed = versionListHeight(count);
  const frame = (): HTMLElement | null => document.querySelector('.version-frame');
  return (
    <Splitter
      label="Resize the version list"
      orientation="horizontal"
      className="versions-splitter"
      value={Math.min(needed, wanted ?? needed)}
      min={VERSIONS_MIN}
      max={needed}
      step={VERSION_ROW_HEIGHT}
      measure={() => frame()?.getBoundingClientRect().height ?? needed}
      onChange={setVersionsHeight}
    />
  );
}

/** Toolbar button whose text hides in a narrow pane; its name stays the same (label = text). */
function ToolButton({ text, ...rest }: Omit<Parameters<typeof Button>[0], 'label' | 'children'> & { text: string }) {
  return (
    <Button {...rest} label={text}>
      <span className="btn-text">{text}</span>
    </Button>
  );
}

function Actions() {
  // What the screen shows, never a row the list has hidden (selectActionable).
  const tag = useApp((s) => selectActionable(s).tag);
  // useShallow: selectActionable builds a new array on every call.
  const tags = useApp(useShallow((s) => selectActionable(s).tags));
  const selectedCount = tags.length;
  const version = useApp((s) => selectVersion(s, tag));
  const disabled = !tag;
  return (
    <div className="actions" role="toolbar" aria-label="Version actions">
      <ToolButton text="Copy tag" icon={Copy} disabled={disabled} onClick={() => tag && void copyText(tag, tag)} title={`Copy the tag (${MOD}C)`} />
      <ToolButton text="Copy Python" icon={Terminal} disabled={disabled} onClick={() => tag && void copyText(pythonSnippet(tag), 'the Python snippet')} title={tag ? pythonSnippet(tag) : undefined} />
      <ToolButton text="Reveal" icon={FolderOpen} disabled={disabled} onClick={() => void revealActive()} title="Show the version folder in the file manager" />
      {selectedCount > 1 ? (
        <>
          {/* Several ticked: export them into one folder, relabel them all (bulk-actions.ts). */}
          <ToolButton text={`Export ${selectedCount} versions…`} icon={Download} onClick={() => void exportMany(tags)} title="Write each ticked version as <name>-<version>.bentomodel into a folder you choose" />
          <ToolButton text={`Relabel ${selectedCount} versions…`} icon={Tags} onClick={() => openRelabel(tags)} title="Set or remove labels on every ticked version" />
        </>
      ) : (
        <ToolButton text="Export…" icon={Download} disabled={disabled || version?.status !== 'ok'} onClick={() => void exportActive()} title={`Export to a .bentomodel file (${MOD}E)`} />
      )}
      <PushButton />
      <CompareButton />
      {version?.status === 'broken' ? <ToolButton text="Repair…" icon={Wrench} onClick={() => void checkRepair()} title="See what Repair would do" /> : null}
      <span className="spacer" />
      <ToolButton
        text={selectedCount > 1 ? `Delete ${selectedCount} versions…` : 'Delete…'}
        icon={Trash2}
        variant="danger"
        disabled={disabled}
        onClick={() => void requestDelete('versions')}
        title="Move to the trash (Delete)"
      />
    </div>
  );
}

/** The active model is hidden by the search or label filters: like a mail app whose search hides
 * the open message, the pane shows no versions and no actions, and keeps the selection so that
 * clearing the search brings it back exactly as it was. */
function HiddenByFilter({ name }: { name: string }) {
  const search = useApp((s) => s.search.trim());
  const filters = useApp((s) => s.labelFilters.length);
  const by = search && filters ? `the search “${search}” and the label filters` : search ? `the search “${search}”` : filters === 1 ? 'the label filter' : 'the label filters';
  return (
    <main className="main-pane" aria-label="Hidden model">
      <BulkBar quiet />
      <div className="pane-placeholder muted" role="status" style={{ maxWidth: 440, textAlign: 'center', overflowWrap: 'anywhere', display: 'grid', gap: 12, justifyItems: 'center', padding: 16 }}>
        <p>
          <strong className="mono">{name}</strong> is hidden by {by}. Pick a model from the list, or clear the search to see it again.
        </p>
        <Button icon={SearchX} onClick={clearSearchAndFilters}>
          Clear search and filters
        </Button>
      </div>
    </main>
  );
}

/** Versions without model.yaml: ask main (now, on every change, and each half minute, since a
 * quiet folder becomes an interrupted save by time alone) whether a writer is at work. */
function useWriters(group: ModelGroup | null | undefined): void {
  const pending = useMemo(() => (group ? group.versions.filter((v) => v.status === 'incomplete').map((v) => v.tag) : []), [group]);
  useEffect(() => {
    if (pending.length === 0) return undefined;
    void refreshWriters(pending);
    const timer = setInterval(() => void refreshWriters(pending), 30_000);
    return () => clearInterval(timer);
  }, [pending]);
}

export function VersionPane() {
  const group = useApp(selectShownGroup);
  useWriters(group);
  const hidden = useApp((s) => (s.activeName && !selectShownGroup(s) ? s.activeName : null));
  // While a search hides the open model, its pane stays built, hidden (out of sight, of reach of
  // the keyboard and of assistive tech, and acting on nothing: selectActionable), so the key that
  // shows the model again does not build its header, version table and detail anew (issue 13).
  const kept = useApp((s) => (hidden ? selectActiveGroup(s) : undefined));
  const pane = group ?? kept;
  return (
    <>
      {hidden ? <HiddenByFilter name={hidden} /> : null}
      {pane ? (
        <ModelPane group={pane} hidden={hidden !== null} />
      ) : hidden ? null : (
        <main className="main-pane">
          <BulkBar />
          <div className="pane-placeholder muted">Select a model to see its versions.</div>
        </main>
      )}
    </>
  );
}

function ModelPane({ group, hidden }: { group: ModelGroup; hidden: boolean }) {
  return (
    <main className="main-pane" aria-label={`Model ${group.name}`} hidden={hidden} style={hidden ? { display: 'none' } : undefined}>
      <GroupHeader group={group} />
      <BulkBar />
      <VersionList key={group.name} group={group} hidden={hidden} />
      <VersionsSplitter count={group.versions.length} />
      <Actions />
      <VersionDetail />
    </main>
  );
}
