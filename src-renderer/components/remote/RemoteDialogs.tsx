// The remote dialogs, mounted once by App: add, remove (confirmed) and the remote picker for Push.
import { pushTags, removeRemote } from '../../state/remote/remote-actions.ts';
import { setRemote, useRemote } from '../../state/remote/remote-store.ts';
import { count } from '../../state/format.ts';
import { Button, Mono } from '../Bits.tsx';
import { Modal } from '../Modal.tsx';
import { AddRemoteDialog } from './AddRemoteDialog.tsx';
import { PushTargetDialog } from './PushTargetDialog.tsx';

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
  const what = tags.length === 1 ? tags[0] : count(tags.length, 'version');
  return (
    <PushTargetDialog
      id="push-remote"
      what={<strong className="mono">{what}</strong>}
      onPick={(remote) => void pushTags(remote, tags)}
      onClose={() => setRemote({ pushing: null })}
    />
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
