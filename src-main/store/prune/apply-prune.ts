import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { isShelfError, ShelfError } from '../../shared/errors.ts';
import type { PruneKeep, PruneReport } from '../../shared/housekeeping-types.ts';
import type { TrashEntry } from '../../shared/model-types.ts';
import { reclaimOwnOrphansQuietly } from '../create/staging-area.ts';
import { latestStatusOnDisk } from '../latest/latest-status.ts';
import { updateLatestAfterRemove, versionDirs } from '../latest/latest-rule.ts';
import { fsError, withFsErrors } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { bentoUsage } from '../read/bento-refs.ts';
import { moveAside } from '../remove/move-aside.ts';
import { trashVersion } from '../remove/trash.ts';
import { freedInOrder } from './freed-in-order.ts';
import type { PrunePlan, PruneTarget } from './plan-prune.ts';
import { readVersionFacts } from './version-facts.ts';

// A real prune removes exactly its plan's versions (issue 11 §2): each one is checked again under
// its name's lock, and one that changed since the plan (gone, replaced, edited, now latest, now
// used by a bento) is left alone and reported as kept, 'changed'. The versions leave models/ the
// way `delete` removes them (one rename aside or into the trash, then the removal), and a prune
// never moves `latest`: it never removes the version `latest` resolves to.

/** Refuses a store this process cannot change, before anything is removed. */
async function checkWritable(paths: StorePaths, plan: PrunePlan): Promise<void> {
  const dirs = [paths.models, ...new Set(plan.targets.map((t) => path.join(paths.models, t.name)))];
  dirs.push(await fsp.stat(paths.private).then(() => paths.private, () => paths.home));
  if (plan.trash) dirs.push(await fsp.stat(paths.trash).then(() => paths.trash, () => paths.private));
  for (const dir of dirs) {
    try {
      await fsp.access(dir, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ShelfError('PERMISSION', `Nothing was pruned: Model Shelf cannot change ${dir} (${(error as NodeJS.ErrnoException).code ?? 'refused'}), so the store is read-only for it. Prune as a user who may write there, or on a writable disk.`, { cause: error });
    }
  }
}

/** Why a planned version is no longer the one planned, or null when it still is. */
function changedSince(paths: StorePaths, t: PruneTarget, latest: string | null, usedBy: ReadonlyMap<string, string[]>): string | null {
  const now = readVersionFacts(paths.models, t.name, t.version, 0);
  if (now === null) return 'it was deleted meanwhile';
  if (now.dev !== t.dev || now.ino !== t.ino) return 'it was replaced by another folder of the same name meanwhile';
  const v = now.loaded.version;
  if (v.status !== 'ok') return 'its model.yaml changed or went missing meanwhile';
  if (v.creationTime !== t.creationTime || JSON.stringify(v.labels) !== t.labelsJson) return 'its labels or creation time changed meanwhile';
  if (latest === t.version) return `it became ${t.name}'s latest meanwhile`;
  const bentos = usedBy.get(t.tag);
  if (bentos) return `a bento (${bentos.join(', ')}) uses it now`;
  return null;
}

export interface PruneOutcome extends PruneReport {
  readonly trashed: readonly TrashEntry[];
}

export async function applyPrune(paths: StorePaths, plan: PrunePlan): Promise<PruneOutcome> {
  if (plan.targets.length === 0) return { remove: [], keep: plan.keep, frees: 0, trash: plan.trash, trashed: [] };
  await checkWritable(paths, plan);
  await reclaimOwnOrphansQuietly(paths);
  const byName = new Map<string, PruneTarget[]>();
  for (const t of plan.targets) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  const done: PruneTarget[] = [];
  const changed: PruneKeep[] = [];
  const trashed: TrashEntry[] = [];
  const aside: string[] = [];
  async function removeGroup(name: string, group: readonly PruneTarget[]): Promise<void> {
    const nameDir = path.join(paths.models, name);
    await withNameLock(paths, name, async () => {
      const usedBy = await bentoUsage(paths.home);
      const latest = latestStatusOnDisk(paths.models, name).version;
      for (const t of group) {
        const why = changedSince(paths, t, latest, usedBy);
        if (why !== null) {
          changed.push({ tag: t.tag, reason: 'changed', detail: `${why}, so it was left alone` });
          continue;
        }
        const dir = path.join(nameDir, t.version);
        try {
          if (plan.trash) trashed.push(await trashVersion(paths, name, t.version));
          else aside.push((await moveAside(paths, dir, t.tag)).remove);
        } catch (error) {
          throw fsError(error, dir, plan.trash ? 'move' : 'delete', paths.home);
        }
        done.push(t);
      }
      // Only a name left without any version folder is tidied (BentoML removes the folder then).
      if ((await versionDirs(nameDir)).length === 0) await withFsErrors(nameDir, 'delete', paths.home, () => updateLatestAfterRemove(nameDir));
    });
  }
  try {
    for (const [name, group] of byName) await removeGroup(name, group);
  } catch (error) {
    // Say what already went: a prune stopped half-way has still removed its oldest versions.
    if (done.length === 0 || !isShelfError(error)) throw error;
    const went = `${done.length} version${done.length === 1 ? ' was' : 's were'} ${plan.trash ? 'moved to the trash' : 'removed'} before that: ${done.map((t) => t.tag).join(', ')}.`;
    throw new ShelfError(error.code, `${error.message} ${went}`, { cause: error });
  } finally {
    // Outside the locks, even after a failure: nobody can see these trees any more, and removing
    // big ones takes time.
    for (const dir of aside) await withFsErrors(dir, 'delete', paths.home, () => fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  }
  // What was really freed: a skipped version keeps the links it shares with the ones that went.
  const freed = freedInOrder(done.map((t) => t.usage));
  return {
    remove: done.map((t, i) => ({ tag: t.tag, bytes: freed[i] ?? 0 })),
    keep: [...plan.keep, ...changed],
    frees: freed.reduce((a, b) => a + b, 0),
    trash: plan.trash,
    trashed,
  };
}
