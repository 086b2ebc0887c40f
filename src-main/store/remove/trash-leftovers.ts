import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../paths/home.ts';
import { isAbandoned, isDeadHere, newStamp, parseStamp, type Owner } from '../paths/owner-id.ts';
import { lexists } from '../paths/fs-probe.ts';

// What a crash can leave in `.model-shelf/trash/` (trash.ts): a manifest's temp file
// `<id>.json.<owner stamp>.tmp` (older versions: `<id>.json.<8 hex>.tmp`, no owner), and a
// manifest whose version never arrived (a crash between writing it and the rename) or already
// went (a crash of `trash empty` or `trash restore`). listTrash skips both; the next trash writer
// reclaims this machine's dead temp files, `repair` reports and removes both kinds.

const TEMP_RE = /^\d+-[0-9a-f]+\.json\.(.+)\.tmp$/;
const LEGACY_RE = /^[0-9a-f]{8}$/;
const MANIFEST_RE = /^(\d+-[0-9a-f]+)\.json$/;
/** A manifest lives alone for the milliseconds of one rename; older than this it is left over. */
const MANIFEST_ALONE_MS = 60_000;

export interface TrashLeftover {
  readonly file: string;
  readonly what: 'temp' | 'manifest';
  readonly owner: Owner | null;
}

export function trashTempName(file: string): string {
  return `${file}.${newStamp()}.tmp`;
}

async function leftovers(paths: StorePaths): Promise<(TrashLeftover & { mtimeMs: number })[]> {
  const names = await fsp.readdir(paths.trash).catch(() => [] as string[]);
  const present = new Set(names);
  const out: (TrashLeftover & { mtimeMs: number })[] = [];
  for (const name of names) {
    const file = path.join(paths.trash, name);
    const temp = TEMP_RE.exec(name);
    const manifest = MANIFEST_RE.exec(name);
    const owner = temp ? parseStamp(temp[1] ?? '') : null;
    const isTemp = temp !== null && (owner !== null || LEGACY_RE.test(temp[1] ?? ''));
    const alone = manifest !== null && !present.has(manifest[1] ?? '');
    if (!isTemp && !alone) continue;
    const stat = await fsp.lstat(file).catch(() => null);
    if (stat?.isFile()) out.push({ file, what: isTemp ? 'temp' : 'manifest', owner, mtimeMs: stat.mtimeMs });
  }
  return out;
}

/** Removes this machine's dead writers' temp files. Call it holding the trash lock. */
export async function reclaimDeadTrashTemps(paths: StorePaths): Promise<void> {
  for (const item of await leftovers(paths).catch(() => [])) {
    if (item.what === 'temp' && isDeadHere(item.owner)) await fsp.rm(item.file, { force: true }).catch(() => undefined);
  }
}

/** What `repair` may remove: abandoned temp files (owner-id.ts) and manifests left alone. */
export async function abandonedTrashLeftovers(paths: StorePaths): Promise<TrashLeftover[]> {
  const now = Date.now();
  return (await leftovers(paths))
    .filter((item) => (item.what === 'temp' ? isAbandoned(item.owner, item.mtimeMs, now) : now - item.mtimeMs > MANIFEST_ALONE_MS))
    .map(({ file, what, owner }) => ({ file, what, owner }));
}

/** Removes one leftover if it still is one. Call it holding the trash lock. */
export async function removeTrashLeftover(paths: StorePaths, item: TrashLeftover): Promise<boolean> {
  if (item.what === 'manifest') {
    const id = path.basename(item.file, '.json');
    if (await lexists(path.join(paths.trash, id))) return false;
  }
  await fsp.rm(item.file, { force: true });
  return true;
}
