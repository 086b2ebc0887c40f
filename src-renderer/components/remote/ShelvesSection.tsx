// The sidebar's list of shelves under the local store's models: "Local store" and each saved
// remote, plus Add remote. Picking a remote shows it instead of the local store.
import { Cloud, HardDrive, Plus } from 'lucide-react';
import { useEffect } from 'react';
import { loadRemoteSettings, loadRemotes, openRemote } from '../../state/remote/remote-actions.ts';
import { setRemote, useRemote } from '../../state/remote/remote-store.ts';
import { Button } from '../Bits.tsx';
import { RemoteListbox } from './RemoteListbox.tsx';

const LOCAL = '\u0000local';

export function ShelvesSection() {
  const remotes = useRemote((s) => s.remotes);
  const active = useRemote((s) => s.active);
  useEffect(() => {
    loadRemoteSettings();
    void loadRemotes();
  }, []);
  const keys = [LOCAL, ...remotes.map((r) => r.name)];
  const current = active ?? LOCAL;
  return (
    <section className="shelves" aria-label="Shelves">
      <div className="pane-header shelves-header">
        <h2 className="pane-title">Shelves</h2>
        <Button icon={Plus} variant="ghost" label="Add remote…" title="Add an S3 remote shelf" onClick={() => setRemote({ addOpen: true })} />
      </div>
      <RemoteListbox
        label="Shelves"
        keys={keys}
        active={current}
        selected={[current]}
        optionName={(k) => (k === LOCAL ? 'Local store' : k)}
        onPick={(k) => void openRemote(k === LOCAL ? null : k)}
        className="shelves-list"
      >
        {(k) => {
          const remote = remotes.find((r) => r.name === k);
          return (
            <div className="shelf-row" title={remote ? remote.url : 'The models in this computer’s store'}>
              {remote ? <Cloud size={14} aria-hidden="true" /> : <HardDrive size={14} aria-hidden="true" />}
              <span className="shelf-name">{remote ? remote.name : 'Local store'}</span>
              {remote ? <span className="shelf-url mono faint small">{remote.url.replace(/^s3:\/\//, '')}</span> : null}
            </div>
          );
        }}
      </RemoteListbox>
    </section>
  );
}
