import { ChevronDown, ChevronRight, File, Folder, Link } from 'lucide-react';
import { useState } from 'react';
import type { FileNode } from '../../src-main/shared/model-types.ts';
import { Size } from './Bits.tsx';

const LIMIT = 500;

function Entry({ node, depth }: { node: FileNode; depth: number }) {
  const isDir = node.kind === 'directory';
  const [open, setOpen] = useState(depth === 0 && (node.children?.length ?? 0) < 50);
  const Icon = isDir ? Folder : node.kind === 'symlink' ? Link : File;
  const children = node.children ?? [];
  return (
    <li className="tree-item">
      <div className="tree-row" style={{ paddingLeft: depth * 16 }}>
        {isDir ? (
          <button type="button" className="disclosure" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`} onClick={() => setOpen(!open)}>
            {open ? <ChevronDown size={12} aria-hidden="true" /> : <ChevronRight size={12} aria-hidden="true" />}
          </button>
        ) : (
          <span className="disclosure-space" />
        )}
        <Icon size={13} aria-hidden="true" className="file-icon" />
        <span className="mono tree-key file-name" title={node.name}>
          {node.name}
          {isDir ? '/' : ''}
        </span>
        <span className="tree-size">
          <Size bytes={node.size} />
        </span>
      </div>
      {isDir && open ? (
        <ul className="tree-children" role="list">
          {children.slice(0, LIMIT).map((c) => (
            <Entry key={c.name} node={c} depth={depth + 1} />
          ))}
          {children.length > LIMIT ? <li className="muted small" style={{ paddingLeft: (depth + 1) * 16 + 20 }}>and {children.length - LIMIT} more</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

export function FileTree({ files }: { files: readonly FileNode[] }) {
  if (files.length === 0) return <p className="muted pad">This version has no files.</p>;
  return (
    <ul className="tree" role="list" aria-label="Files">
      {files.map((f) => (
        <Entry key={f.name} node={f} depth={0} />
      ))}
    </ul>
  );
}
