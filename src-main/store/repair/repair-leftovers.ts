import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StoreProblem } from '../../shared/model-types.ts';
import { abandonedHolders, removeHolder } from '../remove/deleting-holders.ts';
import { abandonedExports, removeAbandonedExport } from '../archive/export-partials.ts';
import type { StorePaths } from '../paths/home.ts';
import { abandonedLatestTemps } from '../latest/latest-temps.ts';
import { describeOwner } from '../paths/owner-id.ts';
import { listStaging, removeStaging, stagingHost } from '../create/staging-area.ts';
import { isStaleOwner, readLockOwner } from '../paths/store-lock.ts';
import { abandonedTrashLeftovers, removeTrashLeftover } from '../remove/trash-leftovers.ts';
import { withTrashLock } from '../remove/trash.ts';
import { manifestLeftovers } from '../integrity/manifest-leftovers.ts';

// Every temporary thing Model Shelf makes, as `repair` finds it when its owner is gone
// (owner-id.ts): staging folders, cross-disk delete folders, `latest` temp files, trash temp
// files and lone manifests, stale locks and their temp files, and the partial archives of
// killed exports of this store. Each is reported with a fix that removes only that leftover.

export interface RepairItem {
  readonly problem: StoreProblem;
  /** Fixes it and says what was done (null: nothing needed doing any more). */
  readonly fix: () => Promise<string | null>;
}

/** A path relative to the home when inside it (as problems are), else absolute. */
export function shown(paths: StorePaths, p: string): string {
  const rel = path.relative(paths.home, p);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? p : rel.split(path.sep).join('/');
}

function item(paths: StorePaths, file: string, message: string, fix: string, remove: () => Promise<boolean | void>): RepairItem {
  const where = shown(paths, file);
  return {
    problem: { kind: 'orphaned-staging', path: where, message, fix, safeToFix: true },
    fix: async () => ((await remove()) === false ? null : `Removed ${where}.`),
  };
}

async function stagingItems(paths: StorePaths): Promise<RepairItem[]> {
  return (await listStaging(paths))
    .filter((entry) => !entry.alive)
    .map((entry) => {
      const where = shown(paths, entry.dir);
      const message =
        entry.host === stagingHost()
          ? `${where} was left behind by a Model Shelf process that is no longer running (an interrupted ${entry.kind}).`
          : `${where} was left by Model Shelf on ${entry.host === '' ? 'an unknown machine' : `machine '${entry.host}'`} and has not changed for more than a day (an interrupted ${entry.kind}).`;
      return item(paths, entry.dir, message, 'Remove it; it never became part of the store.', () => removeStaging(paths, entry.dir));
    });
}

async function lockItems(paths: StorePaths): Promise<RepairItem[]> {
  const out: RepairItem[] = [];
  for (const name of await fsp.readdir(paths.locks).catch(() => [] as string[])) {
    const file = path.join(paths.locks, name);
    const isLock = name.endsWith('.lock');
    if (isLock && !isStaleOwner(await readLockOwner(file))) continue;
    // Temp and set-aside files of a lock being taken right now live for milliseconds, and the
    // lock code tolerates their removal (store-lock.ts).
    const age = Date.now() - ((await fsp.lstat(file).catch(() => null))?.mtimeMs ?? 0);
    if (!isLock && age < 60_000) continue;
    out.push(item(paths, file, `${shown(paths, file)} is a lock left by a process that is gone.`, 'Remove it.', () => fsp.rm(file, { force: true })));
  }
  return out;
}

async function holderItems(paths: StorePaths): Promise<RepairItem[]> {
  return (await abandonedHolders(paths)).map((holder) =>
    item(
      paths,
      holder.dir,
      `${shown(paths, holder.dir)} holds a version that a delete was removing when it stopped; it was left by ${describeOwner(holder.owner)}.`,
      'Remove it; that version had already left the store.',
      () => removeHolder(holder),
    ),
  );
}

async function latestTempItems(paths: StorePaths): Promise<RepairItem[]> {
  return (await abandonedLatestTemps(paths.models)).map((temp) =>
    item(paths, temp.file, `${shown(paths, temp.file)} is a temporary copy of a \`latest\` pointer, left by ${describeOwner(temp.owner)}.`, 'Remove it; BentoML never reads it.', () =>
      fsp.rm(temp.file, { force: true }),
    ),
  );
}

async function trashItems(paths: StorePaths): Promise<RepairItem[]> {
  return (await abandonedTrashLeftovers(paths)).map((left) =>
    left.what === 'temp'
      ? item(paths, left.file, `${shown(paths, left.file)} is a temporary trash record, left by ${describeOwner(left.owner)}.`, 'Remove it.', () =>
          withTrashLock(paths, () => removeTrashLeftover(paths, left)),
        )
      : item(
          paths,
          left.file,
          `${shown(paths, left.file)} is a trash record without its version (an interrupted delete, restore or \`trash empty\`).`,
          'Remove it; there is nothing to restore.',
          () => withTrashLock(paths, () => removeTrashLeftover(paths, left)),
        ),
  );
}

/** Partials of this store's killed exports; notes whose partial is gone are dropped quietly. */
async function exportItems(paths: StorePaths, dryRun: boolean): Promise<RepairItem[]> {
  const out: RepairItem[] = [];
  for (const note of await abandonedExports(paths.home)) {
    if (note.partial === null) {
      if (!dryRun) await removeAbandonedExport(note).catch(() => undefined);
      continue;
    }
    out.push(
      item(paths, note.partial, `${note.partial} is the unfinished archive of an export of this store, left by ${describeOwner(note.owner)}.`, 'Remove it; that export never completed.', () =>
        removeAbandonedExport(note),
      ),
    );
  }
  return out;
}

/** SHA-256 manifests (integrity/) whose version is gone. */
async function manifestItems(paths: StorePaths): Promise<RepairItem[]> {
  return (await manifestLeftovers(paths)).map((left) => item(paths, left.file, left.message, 'Remove it; its version is gone.', left.remove));
}

/** Every leftover of Model Shelf's own whose owner is gone, each with its fix. */
export async function leftoverItems(paths: StorePaths, opts: { dryRun?: boolean } = {}): Promise<RepairItem[]> {
  const groups = await Promise.all([
    stagingItems(paths),
    lockItems(paths),
    holderItems(paths),
    latestTempItems(paths),
    trashItems(paths),
    exportItems(paths, Boolean(opts.dryRun)),
    manifestItems(paths),
  ]);
  return groups.flat();
}
