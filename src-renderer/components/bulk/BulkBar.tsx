// The bulk bar above the version list: while several versions are ticked (in one model, or across
// models after "Select all N matching the filter") it says exactly how many versions of how many
// models, how many ticked ones the search hides and leaves out, and offers Export, Delete,
// Relabel and Push for exactly those. While a search or filter is on, it offers to tick everything
// it matches.
import { CheckCheck, CloudUpload, Download, Tags, Trash2, X } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { clearBulk, deleteMany, exportMany, openRelabel, pushMany, selectAllMatching } from '../../state/bulk/bulk-actions.ts';
import { selectBulkScope, selectFiltering, selectMatching } from '../../state/bulk/bulk-scope.ts';
import { count } from '../../state/format.ts';
import { useRemote } from '../../state/remote/remote-store.ts';
import { useApp } from '../../state/store.ts';
import { Button } from '../Bits.tsx';

function BulkButton({ text, ...rest }: Omit<Parameters<typeof Button>[0], 'label' | 'children'> & { text: string }) {
  return (
    <Button {...rest} label={text}>
      <span className="btn-text">{text}</span>
    </Button>
  );
}

function PushBulk({ tags }: { tags: readonly string[] }) {
  const remotes = useRemote(useShallow((s) => s.remotes.map((r) => r.name)));
  if (remotes.length === 0) return null;
  const only = remotes.length === 1 ? remotes[0] : undefined;
  const what = count(tags.length, 'version');
  return <BulkButton icon={CloudUpload} text={only ? `Push ${what} to ${only}` : `Push ${what}…`} onClick={() => pushMany(tags)} title={only ? `Copy these versions to the remote ${only}; a version already there is skipped` : 'Copy these versions to a remote you choose'} />;
}

/** `quiet`: in the hidden-model pane, whose one status says why the model is hidden, the count is a live region without the status role. */
export function BulkBar({ quiet = false }: { quiet?: boolean }) {
  const scope = useApp(selectBulkScope);
  const matching = useApp(selectMatching);
  const filtering = useApp(selectFiltering);
  const marked = scope.source === 'marked';
  // Offered while a search or filter narrows the list and not everything it matches is ticked yet.
  const offerAll = filtering && matching.versions > 0 && !(marked && scope.tags.length === matching.versions);
  // Several versions ticked in one model are handled by the version toolbar (Export N, Relabel N,
  // Push, Delete N); this bar is for a bulk selection across models and for the filter's offer.
  if (!marked && !offerAll) return null;
  const n = scope.tags.length;
  const what = count(n, 'version');
  const matchWords = `Select all ${matching.versions.toLocaleString('en-US')} matching the filter`;
  const selectAll = offerAll ? <BulkButton icon={CheckCheck} variant="ghost" text={matchWords} onClick={selectAllMatching} title={`Tick every version of the ${count(matching.models, 'model')} the search and filters show`} /> : null;
  if (!marked) {
    return (
      <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
        <div className="bulk-line">
          <span className="bulk-count" role={quiet ? undefined : 'status'} aria-live="polite">
            The filter matches {count(matching.versions, 'version')} of {count(matching.models, 'model')}
          </span>
          {selectAll}
        </div>
      </div>
    );
  }
  return (
    <div className="bulk-bar bulk-on" role="toolbar" aria-label="Bulk actions">
      <div className="bulk-line">
        <span className="bulk-count" role={quiet ? undefined : 'status'} aria-live="polite">
          <strong>{what}</strong> of {count(scope.models, 'model')} selected
          {scope.hidden > 0 ? <span className="bulk-hidden"> · {count(scope.hidden, 'more')} hidden by the search or filters, left out</span> : null}
        </span>
        {selectAll}
        <BulkButton icon={X} variant="ghost" text="Clear selection" onClick={clearBulk} title="Untick everything (Esc in the version list)" />
      </div>
      {n > 0 ? (
        <div className="bulk-line bulk-actions">
          <BulkButton icon={Download} text={`Export ${what}…`} onClick={() => void exportMany(scope.tags)} title="Write each version as <name>-<version>.bentomodel into a folder you choose" />
          <BulkButton icon={Tags} text={`Relabel ${what}…`} onClick={() => openRelabel(scope.tags)} title="Set or remove labels on every one of these versions" />
          <PushBulk tags={scope.tags} />
          <BulkButton icon={Trash2} variant="danger" text={`Delete ${what}…`} onClick={() => void deleteMany(scope.tags)} title="Move these versions to the trash (you can restore them)" />
        </div>
      ) : null}
    </div>
  );
}
