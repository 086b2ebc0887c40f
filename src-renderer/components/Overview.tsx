import { Copy, TriangleAlert, Wrench } from 'lucide-react';
import type { ModelDetail, ModelVersion } from '../../src-main/shared/model-types.ts';
import { copyText } from '../state/actions/clipboard.ts';
import { checkRepair } from '../state/actions/store-actions.ts';
import { absoluteTime } from '../state/format.ts';
import { Button, Size, TimeAgo } from './Bits.tsx';
import { WriterCallout } from './WriterCallout.tsx';
import { ContextRows } from './ContextRows.tsx';
import { Snippets } from './snippets/Snippets.tsx';
import { ModelCard } from './files/ModelCard.tsx';
import { modelCardName } from '../state/files/use-file-preview.ts';

const UNKNOWN_TIME_WHY: Record<ModelVersion['status'], string> = {
  broken: 'model.yaml could not be read',
  incomplete: 'model.yaml is not written yet',
  ok: 'model.yaml has no creation_time',
};

export function Overview({ version: v, detail }: { version: ModelVersion; detail: ModelDetail | null }) {
  const card = detail && detail.version.tag === v.tag ? modelCardName(detail.files) : null;
  return (
    <div className="overview">
      {v.status === 'incomplete' ? <WriterCallout v={v} /> : null}
      {v.status === 'broken' ? (
        <div className="callout callout-warn" role="status">
          <TriangleAlert size={14} aria-hidden="true" />
          <div>
            <p>This version cannot be loaded.</p>
            {v.problem ? <p className="muted">{v.problem}</p> : null}
          </div>
          <Button icon={Wrench} onClick={() => void checkRepair()}>
            Repair…
          </Button>
        </div>
      ) : null}
      {card !== null && detail ? <ModelCard key={v.tag} tag={v.tag} name={card} revision={detail} /> : null}
      <dl className="props">
        <dt>Tag</dt>
        <dd className="prop-with-button">
          <span className="mono selectable">{v.tag}</span>
          <Button icon={Copy} variant="ghost" label={`Copy ${v.tag}`} onClick={() => void copyText(v.tag, v.tag)} />
        </dd>
        <dt>Created</dt>
        <dd>
          {Number.isFinite(v.creationTimeMs) ? (
            <>
              <TimeAgo ms={v.creationTimeMs} text={v.creationTime} />
              <span className="muted"> · {absoluteTime(v.creationTimeMs)}</span>
            </>
          ) : (
            <span className="muted">Unknown ({UNKNOWN_TIME_WHY[v.status]})</span>
          )}
        </dd>
        <dt>Size</dt>
        <dd>
          <Size bytes={v.size} />
        </dd>
        <dt>Module</dt>
        <dd className="mono">{v.module || <span className="muted">none</span>}</dd>
        <dt>API version</dt>
        <dd className="mono">{v.apiVersion || <span className="muted">none</span>}</dd>
        {detail && detail.version.tag === v.tag ? <ContextRows yamlText={detail.yamlText} /> : null}
        <dt>Location</dt>
        <dd className="mono selectable path">{v.path}</dd>
        <dt>Used by</dt>
        <dd>
          {detail === null ? (
            <span className="muted">…</span>
          ) : detail.usedBy.length === 0 ? (
            <span className="muted">no local bento</span>
          ) : (
            detail.usedBy.map((b) => (
              <span key={b} className="mono chip chip-small">
                {b}
              </span>
            ))
          )}
        </dd>
      </dl>
      {v.status === 'ok' ? <Snippets tag={v.tag} module={v.module} /> : null}
    </div>
  );
}
