// The store states that replace the browser: empty, missing, unreadable, still loading.
import { Copy, Download, FolderPlus, Plus, Upload } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { copyText } from '../state/actions/clipboard.ts';
import { openCreate } from '../state/actions/create-model.ts';
import { importFiles } from '../state/actions/io.ts';
import { createStoreFolder, openStore, reload } from '../state/actions/store-actions.ts';
import { describeError } from '../state/error-words.ts';
import { Button, MOD } from './Bits.tsx';
import { RemoteOffer } from './remote/RemoteOffer.tsx';

export const PYTHON_CREATE = 'with bentoml.models.create("my_model") as m: shutil.copy("model.pkl", m.path)';

export function EmptyState() {
  return (
    <div className="store-state">
      <div className="drop-target" aria-label="Drop target">
        <Upload size={28} aria-hidden="true" strokeWidth={1.5} />
        <h1>This store has no models yet</h1>
        <p className="muted">Drop files or a folder anywhere in this window to create your first model.</p>
        <div className="state-buttons">
          <Button icon={Plus} variant="primary" onClick={() => openCreate()}>Create a model…</Button>
          <Button icon={Download} onClick={() => void importFiles()}>Import a saved model…</Button>
        </div>
      </div>
      <div className="python-line">
        <span className="muted small">The same in Python:</span>
        <code className="mono">{PYTHON_CREATE}</code>
        <Button icon={Copy} variant="ghost" label="Copy Python equivalent" onClick={() => void copyText(PYTHON_CREATE, 'the Python line')} />
      </div>
      <RemoteOffer />
      <p className="muted small">
        Shortcuts: {MOD}N new model · {MOD}I import · {MOD}F search
      </p>
    </div>
  );
}

export function MissingStore() {
  const dir = useApp((s) => s.snapshot?.modelsDir ?? '');
  return (
    <div className="store-state">
      <div className="drop-target">
        <FolderPlus size={28} aria-hidden="true" strokeWidth={1.5} />
        <h1>No model store here yet</h1>
        <p>
          The folder <span className="mono">{dir}</span> does not exist. Create it to start a store, or open another one.
        </p>
        <div className="state-buttons">
          <Button icon={FolderPlus} variant="primary" onClick={() => void createStoreFolder()}>Create folder</Button>
          <Button onClick={() => void openStore()}>Open another store…</Button>
        </div>
      </div>
    </div>
  );
}

export function LoadError() {
  const error = useApp((s) => s.loadError);
  if (!error) return null;
  const words = describeError(error);
  return (
    <div className="store-state">
      <div className="drop-target" role="alert">
        <h1>Model Shelf cannot read this store</h1>
        <p>{words.headline}</p>
        {words.detail ? <p className="muted">{words.detail}</p> : null}
        <div className="state-buttons">
          <Button variant="primary" onClick={() => void reload()}>Try again</Button>
          <Button onClick={() => void openStore()}>Open another store…</Button>
        </div>
      </div>
    </div>
  );
}

export function Loading() {
  return (
    <div className="store-state" role="status">
      <p className="muted">Reading the store…</p>
    </div>
  );
}
