import { ChevronDown, Database, Download, Plus, Search, X } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { SEARCH_INPUT_ID } from '../state/actions/commands.ts';
import { openCreate } from '../state/actions/create-model.ts';
import { setSearch } from '../state/actions/filters.ts';
import { openTopResult } from '../state/actions/search-jump.ts';
import { importFiles } from '../state/actions/io.ts';
import { openStore } from '../state/actions/store-actions.ts';
import { shortPath } from '../state/format.ts';
import { Button, Kbd, MOD } from './Bits.tsx';
import { MiddleText } from './MiddleText.tsx';
import { NoticesLogButton } from './NoticesLog.tsx';

/** The shown path keeps its last folder whole (`/tmp/shelf-e2…/bentoml`): that is the store's name.
 * The button's tooltip and accessible name carry the full path. */
function StorePath({ home }: { home: string }) {
  const shown = shortPath(home);
  const cut = shown.lastIndexOf('/');
  return <MiddleText text={shown} className="mono store-path" tailMin={cut > 0 ? shown.length - cut : 0} title="" fluid />;
}

export function TitleBar() {
  const home = useApp((s) => s.snapshot?.home ?? '');
  return (
    <header className="titlebar">
      <div className="brand">Model Shelf</div>
      <button
        type="button"
        className="store-switch"
        onClick={() => void openStore()}
        aria-label={home ? `Open another store (current: ${home})` : 'Open another store'}
        title={home ? `Store: ${home}. Click to open another store.` : 'Open a store'}
      >
        <Database size={14} aria-hidden="true" />
        {home ? <StorePath home={home} /> : <span className="mono store-path">No store</span>}
        <ChevronDown size={12} aria-hidden="true" />
      </button>
      <SearchBox />
      <div className="titlebar-actions">
        <NoticesLogButton />
        <Button icon={Download} onClick={() => void importFiles()} title={`Import a saved model (${MOD}I)`}>
          Import…
        </Button>
        <Button icon={Plus} variant="primary" onClick={() => openCreate()} title={`Create a model from files (${MOD}N)`}>
          New model
        </Button>
      </div>
    </header>
  );
}

// The same elements on every render: React skips an element it rendered before (the icons' SVG).
const SEARCH_ICON = <Search size={14} aria-hidden="true" className="search-icon" />;
const CLEAR_ICON = <X size={12} aria-hidden="true" />;

/** The search box: its own component, so a keystroke re-renders it alone, not the title bar's
 * store path, icons and buttons (issue 13). */
function SearchBox() {
  const search = useApp((s) => s.search);
  return (
    <div className="search" role="search">
      {SEARCH_ICON}
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        placeholder="Search names, versions, labels"
        aria-label="Search models"
        value={search}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          // ArrowDown goes on into the results, like a combobox's list.
          if (e.key === 'ArrowDown' && !e.altKey) {
            e.preventDefault();
            document.querySelector<HTMLElement>('[role=listbox][aria-label=Models]')?.focus();
            return;
          }
          // Enter opens the top result, at the version the search found it by (then in focus).
          if (e.key === 'Enter' && search.trim()) {
            e.preventDefault();
            const atVersion = openTopResult();
            requestAnimationFrame(() => document.querySelector<HTMLElement>(atVersion ? '[role=listbox][aria-label^="Versions of "]' : '[role=listbox][aria-label=Models]')?.focus());
            return;
          }
          if (e.key === 'Escape' && search) {
            e.stopPropagation();
            setSearch('');
          }
        }}
      />
      {search ? (
        <button type="button" className="search-clear" aria-label="Clear search" title="Clear search" onClick={() => setSearch('')}>
          {CLEAR_ICON}
        </button>
      ) : (
        <Kbd>{MOD}F</Kbd>
      )}
    </div>
  );
}
