// "Compare" in the version toolbar: offered when exactly two shown versions are ticked.
import { GitCompareArrows } from 'lucide-react';
import { useState } from 'react';
import { selectActionable } from '../../state/selectors.ts';
import { useApp } from '../../state/store.ts';
import { Button } from '../Bits.tsx';
import { CompareDialog } from './CompareDialog.tsx';

export function CompareButton() {
  const first = useApp((s) => (selectActionable(s).tags.length === 2 ? selectActionable(s).tags[0]! : null));
  const second = useApp((s) => (selectActionable(s).tags.length === 2 ? selectActionable(s).tags[1]! : null));
  const [open, setOpen] = useState<readonly [string, string] | null>(null);
  if (!first || !second) return open ? <CompareDialog tags={open} onClose={() => setOpen(null)} /> : null;
  return (
    <>
      <Button icon={GitCompareArrows} label="Compare" title="Compare the two ticked versions side by side" onClick={() => setOpen([first, second])}>
        <span className="btn-text">Compare</span>
      </Button>
      {open ? <CompareDialog tags={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
