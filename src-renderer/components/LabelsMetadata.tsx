import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { addLabelFilter } from '../state/actions/filters.ts';
import { Chip } from './Bits.tsx';
import { MetadataTree } from './MetadataTree.tsx';

export function LabelsMetadata({ version: v }: { version: ModelVersion }) {
  const labels = Object.entries(v.labels);
  return (
    <div className="labels-metadata">
      <h3 className="section-title">Labels</h3>
      {labels.length === 0 ? (
        <p className="muted">No labels.</p>
      ) : (
        <div className="chip-row">
          {labels.map(([k, val]) => (
            <Chip key={k} text={`${k}=${val}`} onClick={() => addLabelFilter({ key: k, value: val })} clickLabel={`Filter by ${k}=${val}`} />
          ))}
        </div>
      )}
      <h3 className="section-title">Metadata</h3>
      {Object.keys(v.metadata).length === 0 ? <p className="muted">No metadata.</p> : <MetadataTree metadata={v.metadata} />}
    </div>
  );
}
