// Two versions side by side (issue 12 view 14): what differs in labels, metadata (numbers with
// their difference), files (added, removed, changed size) and context. Pure, so unit-testable;
// the dialog (components/compare) fetches both details and renders these rows.
import type { FileNode, MetadataValue } from '../../../src-main/shared/model-types.ts';

export type Change = 'same' | 'changed' | 'added' | 'removed';

export interface DiffRow {
  readonly key: string;
  readonly a: string | undefined;
  readonly b: string | undefined;
  readonly change: Change;
  /** b - a when both are finite numbers and differ. */
  readonly delta?: number;
}

export function changeOf(a: string | undefined, b: string | undefined): Change {
  if (a === undefined) return b === undefined ? 'same' : 'added';
  if (b === undefined) return 'removed';
  return a === b ? 'same' : 'changed';
}

/** Metadata as one line (typed values as the tree shows them: dates, floats, nested JSON). */
export function valueText(v: MetadataValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  if ('$date' in v && typeof v.$date === 'string') return v.$date;
  if ('$float' in v && typeof v.$float === 'string') return v.$float;
  if ('$binary' in v && typeof v.$binary === 'string') return `<${v.$binary.length} base64 chars>`;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

const keysOf = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

export function diffLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): DiffRow[] {
  return keysOf(a, b).map((key) => ({ key, a: a[key], b: b[key], change: changeOf(a[key], b[key]) }));
}

export function diffMetadata(a: Readonly<Record<string, MetadataValue>>, b: Readonly<Record<string, MetadataValue>>): DiffRow[] {
  return keysOf(a, b).map((key) => {
    const x = a[key];
    const y = b[key];
    const row: DiffRow = { key, a: valueText(x), b: valueText(y), change: changeOf(valueText(x), valueText(y)) };
    return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) && x !== y ? { ...row, delta: y - x } : row;
  });
}

/** Every file of a tree as `path -> size` (folders are not rows; a symlink counts as a file). */
export function flattenFiles(nodes: readonly FileNode[], prefix = '', out = new Map<string, number>()): Map<string, number> {
  for (const n of nodes) {
    const p = prefix ? `${prefix}/${n.name}` : n.name;
    if (n.kind === 'directory') flattenFiles(n.children ?? [], p, out);
    else out.set(p, n.size);
  }
  return out;
}

export interface FileRow {
  readonly path: string;
  readonly a: number | undefined;
  readonly b: number | undefined;
  readonly change: Change;
}

/** Files by path: added, removed, changed by size (a same-size change needs the hashes of a manifest).
 * model.yaml itself is left out: its labels, metadata and context are compared above. */
export function diffFiles(a: readonly FileNode[], b: readonly FileNode[]): FileRow[] {
  const fa = flattenFiles(a);
  const fb = flattenFiles(b);
  fa.delete('model.yaml');
  fb.delete('model.yaml');
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  const rank: Record<Change, number> = { added: 0, removed: 1, changed: 2, same: 3 };
  return paths
    .map((path) => {
      const x = fa.get(path);
      const y = fb.get(path);
      return { path, a: x, b: y, change: changeOf(x === undefined ? undefined : String(x), y === undefined ? undefined : String(y)) };
    })
    .sort((p, q) => rank[p.change] - rank[q.change] || (p.path < q.path ? -1 : 1));
}

/** A difference as a person reads it: +0.015, −0.2 (to the precision of the values). */
export function deltaText(d: number): string {
  const s = String(Number(d.toPrecision(4)));
  return d > 0 ? `+${s}` : s.replace('-', '−');
}
