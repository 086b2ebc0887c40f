// The remote dialogs, mounted once by App: add, remove (confirmed) and the remote picker for Push.
import { CloudUpload } from 'lucide-react';
import { pushTags, removeRemote } from '../../state/remote/remote-actions.ts';
import { setRemote, useRemote } from '../../state/remote/remote-store.ts';
import { count } from '../../state/format.ts';
import { Button, Mono } from '../Bits.tsx';
import { Modal } from '../Modal.tsx';
import { AddRemoteDialog } from './AddRemoteDialog.tsx';

function RemoveRemoteDialog({ name }: { name: string }) {
  const info = useRemote((s) => s.remotes.find((r) => r.name === name));
  const close = (): void => setRemote({ removing: null });
  return (
    <Modal title="Remove remote" titleId="remove-remote-title" onClose={close} describedBy="remove-remote-text">
      <p id="remove-remote-text">
        Forget the remote <strong className="mono">{name}</strong>? Its objects stay in <Mono text={info?.url ?? ''} max={48} />; nothing is deleted there, and you can add it again.
      </p>
      <div className="modal-buttons">
        <Button onClick={close}>Cancel</Button>
        <Button variant="danger" onClick={() => void removeRemote(name)}>
          Remove
        </Button>
      </div>
    </Modal>
  );
}

function PushDialog({ tags }: { tags: readonly string[] }) {
  const remotes = useRemote((s) => s.remotes);
  const close = (): void => setRemote({ pushing: null });
  const what = tags.length === 1 ? tags[0] : count(tags.length, 'version');
  return (
    <Modal title="Push to a remote" titleId="push-remote-title" onClose={close} describedBy="push-remote-text">
      <p id="push-remote-text">
        Copy <strong className="mono">{what}</strong> to which remote? A version already there is skipped.
      </p>
      <div className="push-targets">
        {remotes.map((r) => (
          <Button key={r.name} icon={CloudUpload} onClick={() => void pushTags(r.name, tags)} title={r.url}>
            Push to {r.name}
          </Button>
        ))}
      </div>
      <div className="modal-buttons">
        <Button onClick={close}>Cancel</Button>
      </div>
    </Modal>
  );
}

export function RemoteDialogs() {
  const addOpen = useRemote((s) => s.addOpen);
  const removing = useRemote((s) => s.removing);
  const pushing = useRemote((s) => s.pushing);
  return (
    <>
      {addOpen ? <AddRemoteDialog /> : null}
      {removing !== null ? <RemoveRemoteDialog name={removing} /> : null}
      {pushing !== null ? <PushDialog tags={pushing} /> : null}
    </>
  );
}
