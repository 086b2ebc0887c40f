// "Push…" in the local version toolbar: the selected versions go to a remote (picked in a small
// dialog when there are several; straight away when there is one). Hidden while no remote exists.
import { CloudUpload } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { selectActionable } from '../../state/selectors.ts';
import { useApp } from '../../state/store.ts';
import { pushTags } from '../../state/remote/remote-actions.ts';
import { getRemote, setRemote, useRemote } from '../../state/remote/remote-store.ts';
import { Button } from '../Bits.tsx';

export function PushButton() {
  // useShallow: selectActionable builds a new array on every call.
  const tags = useApp(useShallow((s) => selectActionable(s).tags));
  const remotes = useRemote((s) => s.remotes);
  if (remotes.length === 0) return null;
  const only = remotes.length === 1 ? remotes[0]?.name : undefined;
  const text = only ? `Push to ${only}` : tags.length > 1 ? `Push ${tags.length} versions…` : 'Push…';
  const go = (): void => {
    const list = [...tags];
    if (getRemote().remotes.length === 1 && only) void pushTags(only, list);
    else setRemote({ pushing: list });
  };
  return (
    <Button icon={CloudUpload} label={text} disabled={tags.length === 0} onClick={go} title={only ? `Copy the selected versions to the remote ${only}` : 'Copy the selected versions to a remote'}>
      <span className="btn-text">{text}</span>
    </Button>
  );
}
