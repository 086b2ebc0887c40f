import { ListFilter } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useApp } from '../state/store.ts';
import { addLabelFilterText, removeLabelFilter } from '../state/actions/filters.ts';
import { labelPairs } from '../state/model-groups.ts';
import { selectAllGroups } from '../state/selectors.ts';
import { Chip } from './Bits.tsx';

const HINT_ID = 'label-filter-hint';

/** `key=value` label chips (several = AND) and a box to add one, with suggestions from the store. */
export function FilterBar() {
  const filters = useApp((s) => s.labelFilters);
  const groups = useApp(selectAllGroups);
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  const suggestions = useMemo(() => labelPairs(groups).slice(0, 200), [groups]);
  return (
    <div className="filterbar">
      {filters.map((f) => (
        <Chip
          key={`${f.key}=${f.value}`}
          text={`${f.key}=${f.value}`}
          onRemove={() => removeLabelFilter(f)}
          removeLabel={`Remove filter ${f.key}=${f.value}`}
        />
      ))}
      <label className={`filter-add${bad ? ' invalid' : ''}`}>
        <ListFilter size={12} aria-hidden="true" />
        <input
          type="text"
          list="label-suggestions"
          placeholder={filters.length ? 'Add another filter (KEY=VALUE)' : 'Filter by label (KEY=VALUE)'}
          aria-label="Add label filter"
          aria-invalid={bad || undefined}
          aria-describedby={bad ? HINT_ID : undefined}
          title="Type key=value and press Enter; several filters must all match"
          value={text}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setBad(false);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            if (addLabelFilterText(text)) setText('');
            else setBad(true);
          }}
        />
      </label>
      {bad ? (
        <p id={HINT_ID} className="filter-hint">
          A label filter is KEY=VALUE, for example stage=prod.
        </p>
      ) : null}
      <datalist id="label-suggestions">
        {suggestions.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </div>
  );
}
