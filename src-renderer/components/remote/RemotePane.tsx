// The main pane while a remote is shown: the picked model's versions on the remote, each marked
// local / remote only / differs, Pull for the selection, and the picked version's details (as
// its sidecar or archive tells them: labels, metadata, size, SHA-256, the s3:// URI).
import { CircleAlert, CloudDownload, Copy, RefreshCw, Trash2 } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { RemoteVersion } from '../../../src-main/shared/remote-types.ts';
import { copyText } from '../../state/actions/clipboard.ts';
import { describeError } from '../../state/error-words.ts';
import { count, relativeTime } from '../../state/format.ts';
import { POLL_CHOICES, pullTags, refreshRemote, selectAllRemote, selectRemoteVersion, setPollSeconds } from '../../state/remote/remote-actions.ts';
import { groupRemote, STATE_HINTS, STATE_WORDS, versionTime, type RemoteGroup } from '../../state/remote/remote-groups.ts';
import { setRemote, useRemote } from '../../state/remote/remote-store.ts';
import { Button, Chip, Mono, Size, TimeAgo } from '../Bits.tsx';
import { MetadataTree } from '../MetadataTree.tsx';
import { MiddleText } from '../MiddleText.tsx';
import { RemoteListbox } from './RemoteListbox.tsx';

const POLL_WORDS: Record<number, string> = { 0: 'Only on Refresh', 15: 'Every 15 s', 60: 'Every minute', 300: 'Every 5 minutes' };

/** Asks the remote again every poll interval while it is shown and the window is visible. */
function usePoll(): void {
  const active = useRemote((s) => s.active);
  const seconds = useRemote((s) => s.pollSeconds);
  useEffect(() => {
    if (active === null || seconds <= 0) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !useRemote.getState().loading) void refreshRemote();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [active, seconds]);
}

function RemoteHeader() {
  const name = useRemote((s) => s.active) ?? '';
  const info = useRemote((s) => s.remotes.find((r) => r.name === s.active));
  const loading = useRemote((s) => s.loading);
  const checkedAt = useRemote((s) => s.checkedAt);
  const poll = useRemote((s) => s.pollSeconds);
  return (
    <div className="remote-header">
      <div className="group-title-line">
        <h1 className="group-title">
          <MiddleText text={name} className="group-title-text" />
        </h1>
        <Button icon={Trash2} variant="ghost" onClick={() => setRemote({ removing: name })} title={`Forget the remote ${name} (its objects stay in the bucket)`}>
          Remove remote…
        </Button>
      </div>
      <div className="remote-where muted">
        <Mono text={info?.url ?? ''} max={48} />
        {info?.endpoint ? (
          <>
            {' '}at <Mono text={info.endpoint} max={40} />
          </>
        ) : null}
      </div>
      <div className="remote-check">
        <Button icon={RefreshCw} onClick={() => void refreshRemote()} disabled={loading} label={`Refresh ${name}`} title="Ask the remote what it holds now">
          <span className="btn-text">Refresh</span>
        </Button>
        <span className="muted small" role="status" aria-label="Remote status">
          {loading ? 'Checking…' : checkedAt ? `Checked ${relativeTime(checkedAt)}` : ''}
        </span>
        <span className="spacer" />
        <label className="remote-poll small muted">
          Check for changes
          <select aria-label="Check for changes" value={poll} onChange={(e) => setPollSeconds(Number(e.target.value))}>
            {POLL_CHOICES.map((s) => (
              <option key={s} value={s}>
                {POLL_WORDS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}

function StateBadge({ v }: { v: RemoteVersion }) {
  return (
    <span className={`badge remote-state remote-state-${v.state}`} title={STATE_HINTS[v.state]}>
      {STATE_WORDS[v.state]}
    </span>
  );
}

function Versions({ group }: { group: RemoteGroup }) {
  const selected = useRemote((s) => s.selected);
  const remote = useRemote((s) => s.active) ?? '';
  const keys = useMemo(() => group.versions.map((v) => v.tag), [group]);
  const byTag = useMemo(() => new Map(group.versions.map((v) => [v.tag, v])), [group]);
  return (
    <RemoteListbox
      label={`Versions of ${group.name} on ${remote}`}
      keys={keys}
      active={selected.at(-1) ?? null}
      selected={selected}
      multi
      optionName={(k) => byTag.get(k)?.version ?? k}
      optionDescription={(k) => {
        const v = byTag.get(k);
        return v ? `${STATE_WORDS[v.state]}, ${humanSize(v.size)}` : '';
      }}
      onPick={(k, mode) => selectRemoteVersion(k, mode, keys)}
      onAll={() => selectAllRemote(keys)}
      className="remote-versions"
    >
      {(k) => {
        const v = byTag.get(k);
        if (!v) return null;
        const labels = Object.entries(v.labels);
        return (
          <div className="remote-version-row">
            <MiddleText text={v.version} className="mono version-text" fluid />
            <StateBadge v={v} />
            <span className="remote-version-labels" title={labels.map(([key, val]) => `${key}=${val}`).join('\n') || undefined}>
              {labels.slice(0, 3).map(([key, val]) => (
                <span key={key} className="chip chip-small" title={`${key}=${val}`}>
                  {key}={val}
                </span>
              ))}
            </span>
            <span className="row-meta">
              <Size bytes={v.size} />
              <TimeAgo ms={versionTime(v)} text={v.creationTime || v.uploadedAt} />
            </span>
          </div>
        );
      }}
    </RemoteListbox>
  );
}

function Actions({ group }: { group: RemoteGroup }) {
  const remote = useRemote((s) => s.active) ?? '';
  const selected = useRemote((s) => s.selected);
  const chosen = group.versions.filter((v) => selected.includes(v.tag));
  const pullable = chosen.filter((v) => v.state !== 'local').map((v) => v.tag);
  const focus = chosen.at(-1);
  const reason = chosen.length === 0 ? 'Select versions to pull' : pullable.length === 0 ? 'Already in the local store' : undefined;
  return (
    <div className="actions" role="toolbar" aria-label="Remote version actions">
      <Button icon={CloudDownload} variant="primary" disabled={pullable.length === 0} onClick={() => void pullTags(remote, pullable)} title={reason ?? `Copy into the local store from ${remote}`}>
        {pullable.length > 1 ? `Pull ${pullable.length} versions` : 'Pull'}
      </Button>
      <Button icon={Copy} disabled={!focus} onClick={() => focus && void copyText(focus.uri, focus.uri)} title={focus ? `bentoml models import ${focus.uri}` : undefined}>
        Copy URI
      </Button>
      {reason && chosen.length > 0 ? <span className="muted small">{reason}</span> : null}
    </div>
  );
}

function Detail({ group }: { group: RemoteGroup }) {
  const selected = useRemote((s) => s.selected);
  const v = group.versions.find((x) => x.tag === selected.at(-1));
  if (!v) return <div className="pane-placeholder muted remote-detail">Select a version to see its details; Ctrl+click or Shift+click selects several.</div>;
  const labels = Object.entries(v.labels);
  return (
    <section className="remote-detail" aria-label={`Details of ${v.tag}`}>
      <dl className="remote-facts">
        <dt>Tag</dt>
        <dd>
          <Mono text={v.tag} max={60} />
        </dd>
        <dt>State</dt>
        <dd>
          <StateBadge v={v} /> <span className="muted">{STATE_HINTS[v.state]}</span>
        </dd>
        <dt>Object</dt>
        <dd>
          <Mono text={v.uri} max={70} />
        </dd>
        <dt>Size</dt>
        <dd>
          <Size bytes={v.size} /> <span className="muted">(archive)</span>
        </dd>
        <dt>Created</dt>
        <dd>{v.creationTime ? <TimeAgo ms={v.creationTimeMs} text={v.creationTime} /> : <span className="muted">not read yet</span>}</dd>
        <dt>Uploaded</dt>
        <dd>
          <TimeAgo ms={Date.parse(v.uploadedAt)} text={v.uploadedAt} />
        </dd>
        <dt>SHA-256</dt>
        <dd>{v.sha256 ? <Mono text={v.sha256} max={24} /> : <span className="muted">none (written by BentoML)</span>}</dd>
        {v.module ? (
          <>
            <dt>Module</dt>
            <dd className="mono">{v.module}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="section-title">Labels</h3>
      {labels.length === 0 ? (
        <p className="muted">No labels.</p>
      ) : (
        <div className="chip-row">
          {labels.map(([k, val]) => (
            <Chip key={k} text={`${k}=${val}`} />
          ))}
        </div>
      )}
      <h3 className="section-title">Metadata</h3>
      {Object.keys(v.metadata).length === 0 ? <p className="muted">{v.source === 'key' ? 'Not read yet.' : 'No metadata.'}</p> : <MetadataTree metadata={v.metadata} />}
    </section>
  );
}

function Problem() {
  const error = useRemote((s) => s.error);
  if (!error) return null;
  const words = describeError(error);
  return (
    <div className="remote-problem" role="alert">
      <CircleAlert size={14} aria-hidden="true" /> <span>{words.detail || words.headline}</span>
    </div>
  );
}

/**
 * While a remote is shown, Ctrl/Cmd+C copies the picked remote version's tag (as on a local
 * version) and Ctrl/Cmd+E does nothing: the window-wide keys would act on the hidden local
 * selection. Captured before the window-wide handler, only outside text fields and dialogs.
 */
function useRemoteKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'c' && key !== 'e') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      e.stopImmediatePropagation();
      if (key === 'e') {
        e.preventDefault();
        return;
      }
      if ((window.getSelection()?.toString() ?? '') !== '') return; // the person is copying text
      const tag = useRemote.getState().selected.at(-1);
      if (tag) {
        e.preventDefault();
        void copyText(tag, tag);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

export function RemotePane() {
  usePoll();
  useRemoteKeys();
  const name = useRemote((s) => s.active) ?? '';
  const versions = useRemote((s) => s.versions);
  const model = useRemote((s) => s.model);
  const group = useMemo(() => groupRemote(versions ?? []).find((g) => g.name === model) ?? null, [versions, model]);
  return (
    <main className="main-pane remote-pane" aria-label={`Remote ${name}`}>
      <RemoteHeader />
      <Problem />
      {group ? (
        <>
          <div className="remote-model-line">
            <h2 className="remote-model-title">
              <MiddleText text={group.name} fluid />
            </h2>
            <span className="muted">
              {count(group.versions.length, 'version')} · <Size bytes={group.totalSize} />
            </span>
          </div>
          <Versions group={group} />
          <Actions group={group} />
          <Detail group={group} />
        </>
      ) : (
        <div className="pane-placeholder muted">{versions === null ? '' : versions.length === 0 ? `${name} holds no models yet.` : 'Select a model to see its versions.'}</div>
      )}
    </main>
  );
}
