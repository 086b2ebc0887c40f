import { File, FilePlus, Folder, FolderPlus, Minus } from 'lucide-react';
import { useRef } from 'react';
import { useApp } from '../state/store.ts';
import { removeItem, setUseContents } from '../state/actions/create-form-edit.ts';
import { folderFromPicked, handleFiles, handlePaths } from '../state/actions/io.ts';
import { notify } from '../state/actions/notices.ts';
import { count } from '../state/format.ts';
import { MiddleText } from './MiddleText.tsx';
import { Button, Size } from './Bits.tsx';

export function StagedFiles({ readOnly }: { readOnly: boolean }) {
  const items = useApp((s) => s.form.items);
  const useContents = useApp((s) => s.form.useContents);
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const total = items.reduce((sum, i) => sum + i.size, 0);
  const single = items.length === 1 && items[0]?.kind === 'directory' ? items[0] : null;
  return (
    <section className="staged" aria-labelledby="staged-title">
      <h3 className="section-title" id="staged-title">
        Files <span className="muted">{count(items.length, 'item')} · <Size bytes={total} /></span>
      </h3>
      {items.length === 0 ? (
        <div className="staged-empty muted">Drop files or folders here, or add them below.</div>
      ) : (
        <ul className="staged-list" aria-label="Staged files">
          {items.map((i) => (
            <li key={i.path} className="staged-item" title={i.path}>
              {i.kind === 'directory' ? <Folder size={13} aria-hidden="true" /> : <File size={13} aria-hidden="true" />}
              <MiddleText text={`${i.name}${i.kind === 'directory' ? '/' : ''}`} className="mono staged-name" title="" />
              <Size bytes={i.size} />
              <Button icon={Minus} variant="ghost" label={`Remove ${i.name}`} disabled={readOnly} onClick={() => removeItem(i.path)} />
            </li>
          ))}
        </ul>
      )}
      <div className="staged-buttons">
        <Button icon={FilePlus} disabled={readOnly} onClick={() => filesRef.current?.click()}>
          Add files…
        </Button>
        <Button icon={FolderPlus} disabled={readOnly} onClick={() => folderRef.current?.click()}>
          Add folder…
        </Button>
      </div>
      {single ? (
        <label className="check">
          <input type="checkbox" checked={useContents} disabled={readOnly} onChange={(e) => setUseContents(e.target.checked)} />
          Use the folder’s contents as the model root
        </label>
      ) : null}
      <input
        ref={filesRef}
        type="file"
        multiple
        hidden
        aria-label="Choose files"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void handleFiles(files);
        }}
      />
      <input
        ref={folderRef}
        type="file"
        hidden
        aria-label="Choose a folder"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          const folder = folderFromPicked(files);
          if (folder) void handlePaths([folder]);
          else notify({ kind: 'error', text: 'That folder is empty', detail: 'Pick a folder with at least one file, or add files instead.' });
        }}
      />
    </section>
  );
}
