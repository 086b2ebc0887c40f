import { Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state/store.ts';
import { handleFiles } from '../state/actions/io.ts';

const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');

/** Files dragged over any part of the window show one full-window target. */
export function DropOverlay() {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const createOpen = useApp((s) => s.createOpen);
  const busy = useApp((s) => s.createPhase !== 'editing');
  useEffect(() => {
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setOver(true);
    };
    const overFn = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      // Without preventDefault the browser (or Electron) would open the file instead.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      if (busy) return;
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void handleFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [busy]);
  if (!over) return null;
  return (
    <div className="drop-overlay" role="status" aria-live="assertive">
      <div className="drop-card">
        <Upload size={32} aria-hidden="true" strokeWidth={1.5} />
        <p className="drop-title">{busy ? 'Wait for the current copy to finish' : createOpen ? 'Drop to add to the new model' : 'Drop to create a model'}</p>
        <p className="muted">A .bentomodel archive or a folder with a model.yaml is offered as an import.</p>
      </div>
    </div>
  );
}
