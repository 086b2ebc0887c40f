import { ChevronDown, ChevronRight, File, Folder, Link } from 'lucide-react';
import { useState } from 'react';
import type { FileNode } from '../../src-main/shared/model-types.ts';
import { Size } from './Bits.tsx';

const LIMIT = 500;

/** With `onSelect`, a file's row is a button that chooses it for the preview (Enter or Space, or a click). */
interface Choosing {
  readonly selected?: string | null;
  readonly onSelect?: (path: string) => void;
}

function Entry({ node, depth, parent, selected, onSelect }: { node: FileNode; depth: number; parent: string } & Choosing) {
  const isDir = node.kind === 'directory';
  const [open, setOpen] = useState(depth === 0 && (node.children?.length ?? 0) < 50);
  const Icon = isDir ? Folder : node.kind === 'symlink' ? Link : File;
  const children = node.children ?? [];
  const path = parent ? `${parent}/${node.name}` : node.name;
  const label = (
    <>
      <Icon size={13} aria-hidden="true" className="file-icon" />
      <span className="mono tree-key file-name" title={node.name}>
        {node.name}
        {isDir ? '/' : ''}
      </span>
      <span className="tree-size">
        <Size bytes={node.size} />
      </span>
    </>
  );
  return (
    <li className="tree-item">
      <div className={`tree-row${selected === path ? ' chosen' : ''}`} style={{ paddingLeft: depth * 16 }}>
        {isDir ? (
          <button type="button" className="disclosure" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`} onClick={() => setOpen(!open)}>
            {open ? <ChevronDown size={12} aria-hidden="true" /> : <ChevronRight size={12} aria-hidden="true" />}
          </button>
        ) : (
          <span className="disclosure-space" />
        )}
        {!isDir && onSelect ? (
          <button type="button" className="tree-file" data-path={path} aria-pressed={selected === path} title={`Preview ${path}`} onClick={() => onSelect(path)}>
            {label}
          </button>
        ) : (
          label
        )}
      </div>
      {isDir && open ? (
        <ul className="tree-children" role="list">
          {children.slice(0, LIMIT).map((c) => (
            <Entry key={c.name} node={c} depth={depth + 1} parent={path} selected={selected} onSelect={onSelect} />
          ))}
          {children.length > LIMIT ? <li className="muted small" style={{ paddingLeft: (depth + 1) * 16 + 20 }}>and {children.length - LIMIT} more</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

export function FileTree({ files, selected, onSelect }: { files: readonly FileNode[] } & Choosing) {
  if (files.length === 0) return <p className="muted pad">This version has no files.</p>;
  return (
    <ul className="tree" role="list" aria-label="Files">
      {files.map((f) => (
        <Entry key={f.name} node={f} depth={0} parent="" selected={selected} onSelect={onSelect} />
      ))}
    </ul>
  );
}
