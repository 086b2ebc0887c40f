// On the empty store's page: a new machine's first models often come from the team's remote, so
// its remotes are offered right there (Browse NAME), or Add remote… when there is none yet.
import { Cloud, Plus } from 'lucide-react';
import { useEffect } from 'react';
import { loadRemoteSettings, loadRemotes, openRemote } from '../../state/remote/remote-actions.ts';
import { setRemote, useRemote } from '../../state/remote/remote-store.ts';
import { Button } from '../Bits.tsx';

export function RemoteOffer() {
  const remotes = useRemote((s) => s.remotes);
  useEffect(() => {
    loadRemoteSettings();
    void loadRemotes();
  }, []);
  return (
    <div className="remote-offer state-buttons">
      <span className="muted small">{remotes.length === 0 ? 'Or share models through an S3 bucket:' : 'Or pull models from a remote:'}</span>
      {remotes.map((r) => (
        <Button key={r.name} icon={Cloud} onClick={() => void openRemote(r.name)} title={r.url}>
          Browse {r.name}
        </Button>
      ))}
      <Button icon={Plus} variant="ghost" onClick={() => setRemote({ addOpen: true })}>
        Add remote…
      </Button>
    </div>
  );
}
