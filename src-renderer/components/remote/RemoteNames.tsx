// The sidebar while a remote is shown: its models grouped by name, like the local model list.
import { useMemo } from 'react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import { count } from '../../state/format.ts';
import { selectRemoteModel } from '../../state/remote/remote-actions.ts';
import { groupRemote } from '../../state/remote/remote-groups.ts';
import { useRemote } from '../../state/remote/remote-store.ts';
import { Size, TimeAgo } from '../Bits.tsx';
import { MiddleText } from '../MiddleText.tsx';
import { RemoteListbox } from './RemoteListbox.tsx';

export function RemoteNames() {
  const remote = useRemote((s) => s.active) ?? '';
  const versions = useRemote((s) => s.versions);
  const model = useRemote((s) => s.model);
  const groups = useMemo(() => groupRemote(versions ?? []), [versions]);
  const total = groups.reduce((s, g) => s + g.totalSize, 0);
  return (
    <>
      <div className="pane-header">
        <h2 className="pane-title" title={`Models on ${remote}`}>
          Models on {remote} <span className="muted num">{groups.length}</span>
          <span className="muted"> · </span>
          <span className="muted num">{humanSize(total)}</span>
        </h2>
      </div>
      {versions === null ? (
        <div className="list-empty muted" role="status">
          Reading {remote}…
        </div>
      ) : groups.length === 0 ? (
        <div className="list-empty muted" role="status">
          Nothing on {remote} yet. Push versions from the local store to share them.
        </div>
      ) : (
        <RemoteListbox
          label={`Models on ${remote}`}
          keys={groups.map((g) => g.name)}
          active={model}
          selected={model === null ? [] : [model]}
          optionName={(k) => k}
          onPick={(k) => selectRemoteModel(k)}
          className="remote-names"
        >
          {(k) => {
            const g = groups.find((x) => x.name === k);
            if (!g) return null;
            const onlyRemote = g.versions.filter((v) => v.state !== 'local').length;
            return (
              <div className="remote-name-row">
                <MiddleText text={g.name} className="model-name" />
                <span className="row-meta">
                  <span className="count-badge" title={count(g.versions.length, 'version')}>
                    {g.versions.length}
                  </span>
                  <Size bytes={g.totalSize} />
                  <TimeAgo ms={g.newestMs} />
                </span>
                <span className="small faint remote-name-state">{onlyRemote === 0 ? 'all local' : `${count(onlyRemote, 'version')} not local`}</span>
              </div>
            );
          }}
        </RemoteListbox>
      )}
    </>
  );
}
