import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { isAbandoned, isDeadHere, listOwned, newStamp, type Owner } from '../paths/owner-id.ts';

// `latest` is replaced by writing `.latest.<owner stamp>` beside it and renaming it over
// (latest-pointer.ts). A file starting with '.' is ignored by BentoML in a name folder (§2.1),
// but a crash between the two steps would leave it there for good: the next writer of that
// `latest` reclaims this machine's dead ones, `repair` every abandoned one (owner-id.ts).
// Older versions named it `.latest.<12 hex>`: no owner.

const PREFIX = '.latest.';
const LEGACY_RE = /^[0-9a-f]{12}$/;

export interface LatestTemp {
  readonly file: string;
  readonly owner: Owner | null;
  readonly mtimeMs: number;
}

export function latestTempName(): string {
  return `${PREFIX}${newStamp()}`;
}

export async function listLatestTemps(nameDir: string): Promise<LatestTemp[]> {
  return (await listOwned(nameDir, PREFIX, LEGACY_RE, 'file')).map(({ path: file, owner, mtimeMs }) => ({ file, owner, mtimeMs }));
}

/** Removes this machine's dead writers' temp files in `nameDir`; never fails the caller. */
export async function reclaimDeadLatestTemps(nameDir: string): Promise<void> {
  for (const temp of await listLatestTemps(nameDir)) {
    if (isDeadHere(temp.owner)) await fsp.rm(temp.file, { force: true }).catch(() => undefined);
  }
}

/** The temp files `repair` may remove in the name folders of `modelsDir`. */
export async function abandonedLatestTemps(modelsDir: string): Promise<LatestTemp[]> {
  const now = Date.now();
  const out: LatestTemp[] = [];
  for (const entry of await fsp.readdir(modelsDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    for (const temp of await listLatestTemps(path.join(modelsDir, entry.name))) {
      if (isAbandoned(temp.owner, temp.mtimeMs, now)) out.push(temp);
    }
  }
  return out;
}
