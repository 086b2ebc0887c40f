// The Files tab (issue 12 view 17): the version's file tree beside a preview of the chosen file.
import { useState } from 'react';
import type { ModelDetail } from '../../../src-main/shared/model-types.ts';
import { FileTree } from '../FileTree.tsx';
import { FilePreviewPane } from './FilePreviewPane.tsx';

export function FilesTab({ tag, detail }: { tag: string; detail: ModelDetail }) {
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    // The outer box is the container the split queries: side by side when wide, stacked when narrow.
    <div className="files-tab">
      <div className="files-split">
        <div className="files-tree">
          <FileTree files={detail.files} selected={chosen} onSelect={setChosen} />
        </div>
        {detail.files.length > 0 ? <FilePreviewPane tag={tag} path={chosen} revision={detail} /> : null}
      </div>
    </div>
  );
}
