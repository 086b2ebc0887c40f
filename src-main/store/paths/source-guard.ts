import type { Stats } from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { StorePaths } from './home.ts';
import { canonicalPath, readMounts, within, type CanonicalPath, type Mount } from './mount-paths.ts';

// A create or import whose source is the store itself would move the store into one of its own
// versions (move mode empties models/) or nest copies of it (issue 8). Every source is checked
// against the places the store owns: `models/`, `bentos/` and `.model-shelf/` (staging, trash,
// locks). Both sides are compared as real paths (a link to the store from outside is the store)
// and as canonical paths (mount-paths.ts: a bind mount of the store is the store); a folder met
// during the walk is also compared by device and inode.
// A symbolic link INSIDE a source folder that leads into the store is refused, not copied as a
// link: a stored model holds content, never links (format spec §9.1), and following it would
// copy or move store content.

interface Zone {
  /** Absolute real path (the missing tail, if any, joined as written). */
  readonly real: string;
  /** `${dev}:${ino}` when the place exists. */
  readonly id: string | undefined;
  readonly canon: CanonicalPath | undefined;
  readonly label: string;
}

type Relation = { zone: Zone; how: 'is' | 'is inside' | 'contains' | 'holds a mount of' };

export interface SourceGuard {
  /** Refuses a source named by the user (or a dropped path) that is in, is, or holds a store place. */
  checkSource(src: string): Promise<void>;
  /** Refuses a folder met during the walk (through a link or a mount) that is a store place. */
  checkDir(src: string, stat: Stats): void;
  /** Refuses a symbolic link met during the walk whose target is in or holds a store place. */
  checkLink(src: string): Promise<void>;
  /** The store place an existing folder really is or lies inside (a destination check), if any. */
  placeOf(dir: string): Promise<{ readonly label: string; readonly real: string } | undefined>;
  /** The store version folder `src` really is (`name:version`), if it is one. */
  versionTag(src: string): Promise<string | undefined>;
}

const idOf = (s: Stats): string => `${s.dev}:${s.ino}`;

/** realpath for a path whose tail may not exist yet (bentos/ usually does not). */
async function realish(p: string): Promise<string> {
  try {
    return await fsp.realpath(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(await realish(parent), path.basename(p));
  }
}

function refusal(src: string, how: string, zone: Zone): ShelfError {
  return new ShelfError('INVALID_ARGUMENT', `'${src}' ${how} this store's ${zone.label} (${zone.real}); a model cannot hold the store's own files, so nothing was added: choose files from outside the store.`);
}

/** How the real path `real` stands to the store's places, if at all. */
function relate(real: string, zones: readonly Zone[], mounts: readonly Mount[]): Relation | undefined {
  for (const zone of zones) {
    if (within(real, zone.real)) return { zone, how: real === zone.real ? 'is' : 'is inside' };
  }
  const canon = canonicalPath(mounts, real);
  for (const zone of zones) {
    if (canon === undefined || zone.canon?.dev !== canon.dev) continue;
    if (within(canon.path, zone.canon.path)) return { zone, how: canon.path === zone.canon.path ? 'is' : 'is inside' };
  }
  for (const zone of zones) {
    if (within(zone.real, real)) return { zone, how: 'contains' };
    if (canon !== undefined && zone.canon?.dev === canon.dev && within(zone.canon.path, canon.path)) return { zone, how: 'contains' };
  }
  // A mount below `real` that shows a store place (or a folder around one) would be met by the walk.
  for (const m of mounts) {
    if (m.point === real || !within(m.point, real)) continue;
    const zone = zones.find((z) => z.canon?.dev === m.dev && (within(m.root, z.canon.path) || within(z.canon.path, m.root)));
    if (zone) return { zone, how: 'holds a mount of' };
  }
  return undefined;
}

export async function sourceGuard(paths: StorePaths): Promise<SourceGuard> {
  const mounts = await readMounts();
  const places: [string, string][] = [
    [paths.models, 'models folder'],
    [paths.bentos, 'bentos folder'],
    [paths.private, 'Model Shelf folder'],
  ];
  const zones: Zone[] = [];
  for (const [place, label] of places) {
    const stat = await fsp.stat(place).catch(() => null);
    const real = await realish(place);
    zones.push({ real, id: stat ? idOf(stat) : undefined, canon: canonicalPath(mounts, real), label });
  }
  const byId = new Map(zones.filter((z) => z.id !== undefined).map((z) => [z.id as string, z]));

  const check = async (src: string, viaLink: boolean): Promise<void> => {
    // A path that does not resolve is reported by the walk (missing file, dangling link).
    const real = await fsp.realpath(src).catch(() => null);
    const found = real === null ? undefined : relate(real, zones, mounts);
    if (found === undefined) return;
    const how = !viaLink ? found.how : found.how === 'is' || found.how === 'is inside' ? 'is a symbolic link into' : `is a symbolic link to a folder that ${found.how}`;
    throw refusal(src, how, found.zone);
  };

  return {
    checkSource: async (src) => {
      const isLink = (await fsp.lstat(src).catch(() => null))?.isSymbolicLink() ?? false;
      await check(src, isLink);
    },
    checkDir: (src, stat) => {
      const zone = byId.get(idOf(stat));
      if (zone) throw refusal(src, 'leads to', zone);
    },
    checkLink: (src) => check(src, true),
    placeOf: async (dir) => {
      const real = await fsp.realpath(dir).catch(() => null);
      const found = real === null ? undefined : relate(real, zones, mounts);
      return found && (found.how === 'is' || found.how === 'is inside') ? { label: found.zone.label, real: found.zone.real } : undefined;
    },
    versionTag: async (src) => {
      const real = await fsp.realpath(src).catch(() => null);
      const models = zones[0] as Zone;
      if (real === null) return undefined;
      const canon = canonicalPath(mounts, real);
      const rel = within(real, models.real)
        ? path.relative(models.real, real)
        : canon && models.canon?.dev === canon.dev && within(canon.path, models.canon.path) ? path.relative(models.canon.path, canon.path) : undefined;
      const parts = rel?.split(path.sep) ?? [];
      return parts.length === 2 ? `${parts[0]}:${parts[1]}` : undefined;
    },
  };
}
