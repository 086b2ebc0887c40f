/*
 * Model Shelf window. Accessible names of the key controls (stable; e2e tests use them;
 * names with "…" contain the real ellipsis character; use { exact: true } where one name is a
 * prefix of another, e.g. 'Delete…' vs 'Delete model…'):
 *
 * Title bar      button 'Open another store (current: <full store path>)' · searchbox 'Search models' · button 'Clear search'
 *                button 'Import…' · button 'New model' · button 'Notices log' ('Notices log (N errors)') >
 *                dialog 'Notices log' > list 'Notices, newest first' (each item starts '<kind>: '), 'Clear log', 'Close'
 *                (ArrowDown in the search box focuses listbox 'Models'; the create sheet makes the model list inert)
 * Model list     navigation 'Model browser' · combobox 'Sort models' (Newest first | Name | Largest first)
 *                combobox 'Add label filter' (a text input with suggestions; type key=value, Enter) · button 'Remove filter k=v'
 *                listbox 'Models' (aria-multiselectable) > option named exactly by the model name
 *                (aria-selected; Ctrl/Cmd-click toggles, Shift-click extends, Ctrl/Cmd+A all, Esc
 *                back to one; Delete asks to delete whole models here, versions in the version list);
 *                a row's chips: 'key=value' (all versions agree) or 'key: v1, v2'; a search that matched
 *                a label or version shows 'matches label k=v (n of m versions)' / 'matches version <v>'
 * Splitters     separator 'Resize the model list' (vertical; Left/Right 16 px) · separator 'Resize the
 *                version list' (horizontal; Up/Down one row); drag, Enter or double-click = default;
 *                remembered in localStorage 'model-shelf.layout'
 * Version pane   main 'Model <name>' · heading (level 1) <name> · button 'Delete model…'
 *                (while search or filters hide the selected model: main 'Hidden model' > status
 *                '<name> is hidden by …' + button 'Clear search and filters'; no versions, no actions)
 *                listbox 'Versions of <name>' > option named exactly by the version string; text
 *                'latest', 'writing...', 'interrupted', 'broken' badges inside the row, then its labels and
 *                numeric metadata ('.version-facts', full list in its tooltip)
 *                toolbar 'Version actions': 'Copy tag', 'Copy Python', 'Reveal', 'Export…',
 *                'Repair…' (broken only), 'Delete…' (or 'Delete N versions…'); always labelled,
 *                a narrow pane wraps them onto a second line
 *                tablist 'Version details': tabs 'Overview', 'Labels & metadata', 'Files', 'model.yaml'
 *                tabpanel; list 'Metadata' (typed rows: key, type badge, value); list 'Files';
 *                'model.yaml contents' (pre) with button 'Copy'; button 'Copy <tag>' in Overview; Overview
 *                rows Framework, Saved with (BentoML, Python), Signatures
 * Create sheet   dialog 'New model' · list 'Staged files' · button 'Remove <item name>'
 *                buttons 'Add files…', 'Add folder…' (hidden inputs 'Choose files', 'Choose a folder')
 *                checkbox 'Use the folder’s contents as the model root' (single folder only)
 *                textbox 'Name' · status output 'Tag preview' · radios 'Automatic', 'Custom'
 *                textbox 'Custom version' · textboxes 'Label N key', 'Label N value',
 *                button 'Remove label N', 'Add label' · 'Metadata N key', combobox 'Metadata N type'
 *                (text|number|boolean|date|JSON), 'Metadata N value' (textbox, multi-line for JSON; a combobox true|false
 *                for boolean), 'Remove metadata N',
 *                'Add metadata' · group 'Advanced: module, api_version' > 'Module', 'API version'
 *                button 'Create model' (disabled + reason text #create-blocker) · button 'Cancel'
 *                (aborts while copying) · button 'Close' · progressbar 'Copying files'
 *                status text 'Cancelled. Nothing was written.' · alert with the failure
 * Dialogs        dialog 'Delete versions' | 'Delete model': buttons 'Cancel', 'Move to trash'
 *                ('Move to trash anyway' when a bento uses it or a version is still being written;
 *                each warning, also "…so the model <name> goes too", is an alert)
 *                dialog 'Trash': table 'Trashed versions', checkbox 'Select <tag>', 'Select all',
 *                button 'Restore <tag>', 'Restore', 'Empty trash' -> 'Delete permanently' | 'Keep', 'Close'
 *                dialog 'Import saved model?': 'Import', 'Use as model files', 'Cancel'
 *                dialog 'Repair the store': list 'Problems' > listitem named by the problem's path
 *                with 'Fix latest of <name>', 'Delete <tag>', 'Move <path> aside', 'Reveal <path>';
 *                'Repair N problems' (leftovers, latest), 'Close'
 *                dialog 'Move aside' | 'Fix latest' (says what will happen): 'Cancel', 'Move aside' | 'Fix latest'
 * Interrupted    Overview status 'This save was interrupted…' + 'Delete…', 'Move aside…', 'Reveal <tag>';
 *                the version row's badge reads 'interrupted' (a live writer: 'writing...')
 * Status bar     status 'Watcher status' (words) · button 'Disk use: <total>' (opens Disk use) · button 'N problems' · button 'Open trash'
 *                progressbar '<task label>' (e.g. 'Exporting iris_clf:abc') + button 'Cancel <task label>'
 * Disk use       dialog 'Disk use': button 'Clean up…', regions 'Models' | 'Duplicates' | 'Trash' | 'Staging' (tiles with
 *                'Link identical files…' -> alert + 'Keep the copies' | 'Link N files', 'Open trash'), combobox 'Colour by',
 *                group 'Models and their versions by size' > button 'Open <name>' and one button per version named
 *                '<tag>, <size>, <age>[, latest]' (one Tab stop; arrows move, Enter opens the version), 'Close'
 * Clean up       dialog 'Clean up': combobox 'Models', checkbox 'Keep the last' + textbox 'How many to keep',
 *                checkbox 'Only older than' + 'Age' + combobox 'Age unit', textbox 'Only with labels' (k=v, ...),
 *                radios 'Move to the trash' | 'Delete for good', status 'Preview', tables 'Versions that go' |
 *                'Versions that stay', 'Use this rule' (the suggestion), 'Save rules for this store' | 'Forget
 *                saved rules', 'Cancel', 'Move N versions to trash…' | 'Delete N versions…' -> alert + 'Keep them' |
 *                'Move to trash' | 'Delete for good'
 * Labels tab     button 'Edit labels & metadata' -> form 'Edit labels and metadata of <tag>' (the create sheet's
 *                label/metadata rows) + 'Cancel', 'Save'; buttons 'Promote k=v here' | 'Make this the only k=v'
 * Integrity      region 'Integrity' (under Overview): 'Integrity state' text, button 'Verify', progressbar
 *                'Verifying <tag>' + button 'Cancel verifying <tag>'
 * Notices        region 'Notices' > status (success/info) or alert (error) with buttons such as
 *                'Undo', 'Show', 'Copy Python', 'Dismiss notice'
 * Store states   heading 'This store has no models yet' + buttons 'Create a model…', 'Import a saved
 *                model…', 'Copy Python equivalent' · heading 'No model store here yet' + buttons
 *                'Create folder', 'Open another store…' · 'Model Shelf cannot read this store' + 'Try again'
 * Drop overlay   status text 'Drop to create a model'
 * Remotes        region 'Shelves' > listbox 'Shelves' (options 'Local store', <remote name>) + button 'Add remote…'
 *                -> dialog 'Add a remote' > form 'Add remote': 'Name', 'URL', 'Endpoint', 'Region', 'Profile',
 *                checkbox 'Allow plain http', 'Cancel', 'Test and save' (alert: main's sentence);
 *                a shown remote: listbox 'Models on <remote>' · main 'Remote <remote>' > 'Remove remote…' (dialog
 *                'Remove remote': 'Cancel', 'Remove'), 'Refresh <remote>', combobox 'Check for changes',
 *                listbox 'Versions of <name> on <remote>' (multi; option named by the version; badge 'local' |
 *                'remote only' | 'differs'), toolbar 'Remote version actions': 'Pull' | 'Pull N versions', 'Copy URI'
 *                Version actions: 'Push to <remote>' (one remote) | 'Push…' -> dialog 'Push to a remote' > 'Push to <remote>'
 *                status bar: progressbar 'Pushing <what> to <remote>' | 'Pulling <what> from <remote>' + 'Cancel …'
 */
import { useEffect, type CSSProperties } from 'react';
import { CreateSheet } from './components/CreateSheet.tsx';
import { DeleteDialog } from './components/DeleteDialog.tsx';
import { DropOverlay } from './components/DropOverlay.tsx';
import { FixConfirmDialog } from './components/FixConfirmDialog.tsx';
import { RemoteDialogs } from './components/remote/RemoteDialogs.tsx';
import { BulkDialogs } from './components/bulk/BulkDialogs.tsx';
import { RemotePane } from './components/remote/RemotePane.tsx';
import { useRemote } from './state/remote/remote-store.ts';
import { HousekeepingDialogs } from './components/housekeeping/HousekeepingDialogs.tsx';
import { ImportOfferDialog } from './components/ImportOfferDialog.tsx';
import { Notices } from './components/Notices.tsx';
import { RepairDialog } from './components/RepairDialog.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { EmptyState, LoadError, Loading, MissingStore } from './components/StoreStates.tsx';
import { TitleBar } from './components/TitleBar.tsx';
import { TrashView } from './components/TrashView.tsx';
import { VersionPane } from './components/VersionPane.tsx';
import { useShortcuts } from './hooks/use-shortcuts.ts';
import { runCommand } from './state/actions/commands.ts';
import { startApp, stopApp } from './state/actions/store-actions.ts';
import { useApp } from './state/store.ts';

function Body() {
  const loadError = useApp((s) => s.loadError !== null);
  const snapshot = useApp((s) => s.snapshot);
  const createOpen = useApp((s) => s.createOpen);
  const sideWidth = useApp((s) => s.sideWidth);
  const remoteShown = useRemote((s) => s.active !== null);
  const empty = snapshot !== null && snapshot.exists && snapshot.versions.length === 0;
  let content;
  if (loadError && !snapshot) content = <LoadError />;
  else if (!snapshot) content = <Loading />;
  else if (!snapshot.exists) content = <MissingStore />;
  // An empty local store still browses a remote (its first models may come from there).
  else if (empty && !remoteShown) content = <EmptyState />;
  else
    content = (
      <>
        <Sidebar />
        {remoteShown ? <RemotePane /> : <VersionPane />}
      </>
    );
  return (
    <div className={`body${(empty && !remoteShown) || !snapshot?.exists ? ' body-single' : ''}`} style={sideWidth === null ? undefined : ({ '--side-w': `${sideWidth}px` } as CSSProperties)}>
      {content}
      {createOpen ? <CreateSheet /> : null}
    </div>
  );
}

export function App() {
  useShortcuts();
  useEffect(() => {
    void startApp(runCommand);
    return stopApp;
  }, []);
  return (
    <div className="app">
      <TitleBar />
      <Body />
      <StatusBar />
      <Notices />
      <DropOverlay />
      <TrashView />
      <ImportOfferDialog />
      <RepairDialog />
      <DeleteDialog />
      <FixConfirmDialog />
      <RemoteDialogs />
      <BulkDialogs />
      <HousekeepingDialogs />
    </div>
  );
}
