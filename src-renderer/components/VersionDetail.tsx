import type { KeyboardEvent } from 'react';
import { useApp } from '../state/store.ts';
import { setTab } from '../state/actions/selection.ts';
import { describeError } from '../state/error-words.ts';
import { selectVersion } from '../state/selectors.ts';
import type { DetailTab } from '../state/slices/selection-slice.ts';
import { Copy } from 'lucide-react';
import { copyText } from '../state/actions/clipboard.ts';
import { Button } from './Bits.tsx';
import { FilesTab } from './files/FilesTab.tsx';
import { IntegrityPanel } from './housekeeping/IntegrityPanel.tsx';
import { LabelsTab } from './housekeeping/LabelsTab.tsx';
import { Overview } from './Overview.tsx';
import { DETAIL_TABS_ID } from './VersionList.tsx';

const TABS: readonly { id: DetailTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'labels', label: 'Labels & metadata' },
  { id: 'files', label: 'Files' },
  { id: 'yaml', label: 'model.yaml' },
];

function onTabKey(e: KeyboardEvent, current: DetailTab): void {
  const i = TABS.findIndex((t) => t.id === current);
  const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
  if (next === null) return;
  e.preventDefault();
  const tab = TABS[(next + TABS.length) % TABS.length]!;
  setTab(tab.id);
  document.getElementById(`tab-${tab.id}`)?.focus();
}

function Panel() {
  const tab = useApp((s) => s.tab);
  const version = useApp((s) => selectVersion(s, s.activeTag));
  const detail = useApp((s) => (s.detailTag === s.activeTag ? s.detail : null));
  const error = useApp((s) => (s.detailTag === s.activeTag ? s.detailError : null));
  if (!version) return <p className="muted pad">Select a version.</p>;
  if (tab === 'overview')
    return (
      <>
        <Overview version={version} detail={detail} />
        <IntegrityPanel version={version} />
      </>
    );
  if (error && tab !== 'labels') {
    const words = describeError(error);
    return (
      <div className="pad" role="alert">
        <p>{words.headline}</p>
        <p className="muted">{words.detail}</p>
      </div>
    );
  }
  if (tab === 'labels') return <LabelsTab version={version} />;
  if (!detail) return <p className="muted pad">Reading…</p>;
  if (tab === 'files') return <FilesTab key={version.tag} tag={version.tag} detail={detail} />;
  return (
    <div className="yaml-wrap">
      {detail.yamlText ? <Button icon={Copy} className="yaml-copy" onClick={() => void copyText(detail.yamlText, 'model.yaml')}>Copy</Button> : null}
      <pre className="yaml" tabIndex={0} aria-label="model.yaml contents">
        {detail.yamlText || '# model.yaml is missing'}
      </pre>
    </div>
  );
}

export function VersionDetail() {
  const tab = useApp((s) => s.tab);
  return (
    <section className="detail" aria-label="Version details">
      <div className="tabs" role="tablist" aria-label="Version details" id={DETAIL_TABS_ID}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={-1}>
        <Panel />
      </div>
    </section>
  );
}
