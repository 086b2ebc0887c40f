import { promises as fsp } from 'node:fs';
import path from 'node:path';

// A bind mount shows a folder under a second real path: `realpath` cannot tell that
// /elsewhere/mnt is the store's models/base, and link() across the two mount points fails with
// EXDEV, so a move would copy and then delete the store's files. Linux says in
// /proc/self/mountinfo which folder of which filesystem every mount shows (its "root"), which
// gives every path one canonical name: the device and the path inside that filesystem.
// Elsewhere (no /proc) the list is empty and only real paths and inodes are compared.

export interface Mount {
  /** `major:minor` of the filesystem. */
  readonly dev: string;
  /** The folder of that filesystem the mount shows. */
  readonly root: string;
  /** Where it is mounted. */
  readonly point: string;
}

export interface CanonicalPath {
  readonly dev: string;
  readonly path: string;
}

// Mount points and roots escape space, tab, newline and backslash as \ooo.
const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_all, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));

export async function readMounts(): Promise<Mount[]> {
  const text = await fsp.readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [, , dev, root, point] = line.split(' ');
    if (dev !== undefined && root !== undefined && point !== undefined) mounts.push({ dev, root: unescape(root), point: unescape(point) });
  }
  return mounts;
}

/** True when `inner` is `outer` or lies below it. */
export function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The mount a real path lives on: the deepest mount point above it, the later one of equals (it covers the earlier). */
function mountOf(mounts: readonly Mount[], real: string): Mount | undefined {
  let best: Mount | undefined;
  for (const m of mounts) if (within(real, m.point) && (best === undefined || m.point.length >= best.point.length)) best = m;
  return best;
}

export function canonicalPath(mounts: readonly Mount[], real: string): CanonicalPath | undefined {
  const m = mountOf(mounts, real);
  return m && { dev: m.dev, path: path.join(m.root, path.relative(m.point, real)) };
}
