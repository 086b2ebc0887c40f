// Two versions side by side (issue 12 view 14): what differs in labels, metadata (numbers with
// their difference), files (added, removed, changed by size and, where both versions have a
// manifest, by SHA-256) and context. Pure, so unit-testable; the dialog (components/compare)
// fetches both details and both recorded manifests and renders these rows. Nothing is hashed to
// compare: a big model would freeze the window; the recorded manifests say what the hashes were.
import type { RecordedManifest } from '../../../src-main/shared/integrity-types.ts';
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

/** What the recorded hashes say of a file of the same size on both sides: 'same' and 'differs'
 * come from both manifests; 'no-manifest' when either version has none; 'stale' when either
 * manifest no longer matches the file (changed after it was recorded, so its hash says nothing). */
export type HashCheck = 'same' | 'differs' | 'no-manifest' | 'stale';

export interface FileRow {
  readonly path: string;
  readonly a: number | undefined;
  readonly b: number | undefined;
  readonly change: Change;
  /** Set on rows present on both sides with the same size. */
  readonly hash?: HashCheck;
}

export type ManifestOf = RecordedManifest['manifest'];

/** Per path, the recorded content (SHA-256, or `->target` for a link), or null when it cannot be trusted now. */
function contentOf(m: NonNullable<ManifestOf>): Map<string, string | null> {
  const stale = new Set(m.staleFiles);
  return new Map(m.files.map((f) => [f.path, stale.has(f.path) ? null : (f.sha256 ?? (f.link === undefined ? null : `->${f.link}`))]));
}

function hashCheck(path: string, ca: Map<string, string | null> | null, cb: Map<string, string | null> | null): HashCheck {
  if (ca === null || cb === null) return 'no-manifest';
  const x = ca.get(path);
  const y = cb.get(path);
  if (x == null || y == null) return 'stale';
  return x === y ? 'same' : 'differs';
}

/** Files by path: added, removed, changed by size, and a same-size file by the SHA-256 both
 * manifests recorded (null manifests: not checked). model.yaml itself is left out: its labels,
 * metadata and context are compared above. */
export function diffFiles(a: readonly FileNode[], b: readonly FileNode[], ma: ManifestOf = null, mb: ManifestOf = null): FileRow[] {
  const fa = flattenFiles(a);
  const fb = flattenFiles(b);
  fa.delete('model.yaml');
  fb.delete('model.yaml');
  const ca = ma && contentOf(ma);
  const cb = mb && contentOf(mb);
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  const rank: Record<Change, number> = { added: 0, removed: 1, changed: 2, same: 3 };
  return paths
    .map((path): FileRow => {
      const x = fa.get(path);
      const y = fb.get(path);
      const change = changeOf(x === undefined ? undefined : String(x), y === undefined ? undefined : String(y));
      if (change !== 'same') return { path, a: x, b: y, change };
      const hash = hashCheck(path, ca, cb);
      return { path, a: x, b: y, change: hash === 'differs' ? 'changed' : 'same', hash };
    })
    .sort((p, q) => rank[p.change] - rank[q.change] || (p.path < q.path ? -1 : 1));
}

/** The Files heading's words: how many differ, and how far the content was checked. */
export function filesSummary(rows: readonly FileRow[], unreadable = false): string {
  if (rows.length === 0) return 'none';
  const changed = rows.filter((r) => r.change !== 'same').length;
  const unchecked = rows.filter((r) => r.hash === 'no-manifest' || r.hash === 'stale').length;
  const head = changed === 0 ? `the same ${rows.length}` : `${changed} of ${rows.length} differ`;
  if (unchecked === 0) return changed === 0 ? `${head} by path, size and content` : head;
  const why = rows.some((r) => r.hash === 'no-manifest') ? (unreadable ? 'a manifest could not be read' : 'no manifest') : 'manifest out of date';
  return `${head}${changed === 0 ? ' by path and size' : ''}; content of ${unchecked} not checked (${why})`;
}

/** The Change cell of a file row. */
export function fileChangeText(r: FileRow, unreadable = false): string {
  if (r.hash === 'differs') return 'same size, content differs';
  if (r.hash === 'no-manifest') return unreadable ? 'not checked (manifest unreadable)' : 'not checked (no manifest)';
  if (r.hash === 'stale') return 'not checked (manifest out of date)';
  return r.change === 'same' ? '' : r.change;
}

/** A difference as a person reads it: +0.015, −0.2 (to the precision of the values). */
export function deltaText(d: number): string {
  const s = String(Number(d.toPrecision(4)));
  return d > 0 ? `+${s}` : s.replace('-', '−');
}
