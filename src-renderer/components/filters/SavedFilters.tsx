// The sidebar's saved filters: one click applies a saved search and label filters; "Save filter"
// keeps the current ones under a name. Shown when there are any, or a filter to save.
import { Bookmark } from 'lucide-react';
import { useState } from 'react';
import { applySavedFilter, describeFilter, removeSavedFilter, saveFilter, useSavedFilters } from '../../state/saved-filters.ts';
import { useApp } from '../../state/store.ts';
import { Chip } from '../Bits.tsx';

// One element for every render: a search keystroke re-renders this group, not its icon (issue 13).
const SAVED_ICON = <Bookmark size={12} className="muted saved-icon" aria-hidden="true" />;

export function SavedFilters() {
  const saved = useSavedFilters((s) => s.list);
  const search = useApp((s) => s.search);
  const filters = useApp((s) => s.labelFilters);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const active = search.trim() !== '' || filters.length > 0;
  if (saved.length === 0 && !active) return null;
  const current = describeFilter({ search: search.trim(), filters });
  return (
    <div className="saved-filters" role="group" aria-label="Saved filters">
      {SAVED_ICON}
      {saved.map((f) => (
        <Chip
          key={f.name}
          text={f.name}
          onClick={() => applySavedFilter(f)}
          clickLabel={`Show ${f.name}: ${describeFilter(f)}`}
          onRemove={() => removeSavedFilter(f.name)}
          removeLabel={`Forget the saved filter ${f.name}`}
        />
      ))}
      {active && !naming ? (
        <button type="button" className="btn btn-ghost saved-add" onClick={() => setNaming(true)} title={`Save ${current} under a name`}>
          Save filter…
        </button>
      ) : null}
      {active && naming ? (
        <form
          className="saved-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            saveFilter(name.trim(), search, filters);
            setName('');
            setNaming(false);
          }}
        >
          <input
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setNaming(false);
              }
            }}
            aria-label="Name for the saved filter"
            placeholder="Name, then Enter"
            maxLength={40}
          />
        </form>
      ) : null}
    </div>
  );
}
