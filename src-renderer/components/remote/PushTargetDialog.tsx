// The remote picker of a push, one per window: a button per configured remote, then Cancel. The
// single push (RemoteDialogs) and the bulk push (BulkDialogs) differ only in their words and action.
import { CloudUpload } from 'lucide-react';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRemote } from '../../state/remote/remote-store.ts';
import { Button } from '../Bits.tsx';
import { Modal } from '../Modal.tsx';

export function PushTargetDialog({ id, what, onPick, onClose }: {
  /** Prefix of the dialog's element ids (title and text). */
  readonly id: string;
  /** What is copied, inside "Copy … to which remote?". */
  readonly what: ReactNode;
  readonly onPick: (remote: string) => void;
  readonly onClose: () => void;
}) {
  const remotes = useRemote(useShallow((s) => s.remotes));
  return (
    <Modal title="Push to a remote" titleId={`${id}-title`} onClose={onClose} describedBy={`${id}-text`}>
      <p id={`${id}-text`}>Copy {what} to which remote? A version already there is skipped.</p>
      <div className="push-targets">
        {remotes.map((r) => (
          <Button key={r.name} icon={CloudUpload} onClick={() => onPick(r.name)} title={r.url}>
            Push to {r.name}
          </Button>
        ))}
      </div>
      <div className="modal-buttons">
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </Modal>
  );
}
