import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { TrashEntry } from '../../shared/model-types.ts';
import { parseTag } from '../../shared/tag-rules.ts';
import { bentosUsing } from '../read/bento-refs.ts';
import { deleteFailedError, fsError, withFsErrors } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { updateLatestAfterRemove, versionDirs } from '../latest/latest-rule.ts';
import { resolveTag } from '../read/resolve-tag.ts';
import { holderBases, reclaimDeadHolders } from './deleting-holders.ts';
import { moveAside } from './move-aside.ts';
import { reclaimOwnOrphansQuietly } from '../create/staging-area.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { trashVersion } from './trash.ts';
import { isDirectory, lexists } from '../paths/fs-probe.ts';

// `bentoml models delete` semantics (format spec §8.3, §2.2): `name` means every version,
// `name:latest` and unique prefixes are resolved first; a model used by a local bento is refused
// (§10.1). Unlike the CLI, an exact tag works for a broken version too (BentoML's CLI has to load
// it first and fails, §9.3). Every version leaves `models/` by one rename before it is removed.

export interface DeleteOptions {
  /** Keep the versions in `.model-shelf/trash/` so that they can be restored. */
  readonly trash?: boolean;
  /** Delete even when local bentos use the model. */
  readonly force?: boolean;
  /**
   * Every input is an exact `name:version` (as returned by resolveDeleteTargets): never widened
   * to a prefix or `latest`, and silently skipped when it is gone meanwhile.
   */
  readonly exact?: boolean;
}

interface Target {
  readonly name: string;
  readonly version: string;
}


async function resolveTargets(paths: StorePaths, input: string): Promise<Target[]> {
  const parsed = parseTag(input.trim());
  const nameDir = path.join(paths.models, parsed.name);
  if (parsed.version === null) {
    const versions = await versionDirs(nameDir);
    if (versions.length === 0) {
      throw new ShelfError('NOT_FOUND', `There is no model named '${parsed.name}' in ${paths.models}. Run \`model-shelf list\` to see the models there.`);
    }
    return versions.map((version) => ({ name: parsed.name, version }));
  }
  if (parsed.version !== 'latest' && (await isDirectory(path.join(nameDir, parsed.version)))) {
    return [{ name: parsed.name, version: parsed.version }];
  }
  const found = await resolveTag(paths.home, input.trim());
  return [{ name: found.name, version: found.version }];
}

function exactTarget(input: string): Target {
  const parsed = parseTag(input.trim());
  if (parsed.version === null || parsed.version === 'latest') {
    throw new ShelfError('INVALID_ARGUMENT', `'${input}' is not an exact NAME:VERSION tag, so it was not deleted.`);
  }
  return { name: parsed.name, version: parsed.version };
}

/**
 * What a delete of `inputs` would remove right now, as exact `name:version` tags. A confirmation
 * shows these and passes exactly these back with `exact: true`, so that a version saved while
 * the question waits, or a `latest` that moved, is never deleted unseen.
 */
export async function resolveDeleteTargets(paths: StorePaths, inputs: readonly string[]): Promise<string[]> {
  const tags = new Set<string>();
  for (const input of inputs) for (const t of await resolveTargets(paths, input)) tags.add(`${t.name}:${t.version}`);
  return [...tags];
}

async function refuseInUse(paths: StorePaths, targets: readonly Target[]): Promise<void> {
  const usedBy: Record<string, string[]> = {};
  for (const t of targets) {
    const tag = `${t.name}:${t.version}`;
    const bentos = await bentosUsing(paths.home, tag);
    if (bentos.length > 0) usedBy[tag] = bentos;
  }
  const tags = Object.keys(usedBy);
  if (tags.length === 0) return;
  const list = tags.map((tag) => `${tag} (by ${usedBy[tag]?.join(', ')})`).join('; ');
  throw new ShelfError('IN_USE', `Model ${list} is used by local bentos and was not deleted. Delete those bentos first, or delete anyway with --force.`, { details: { usedBy } });
}

export async function deleteModels(paths: StorePaths, inputs: readonly string[], opts: DeleteOptions = {}): Promise<{ deleted: string[]; trashed: TrashEntry[] }> {
  const byTag = new Map<string, Target>();
  for (const input of inputs) {
    for (const t of opts.exact ? [exactTarget(input)] : await resolveTargets(paths, input)) byTag.set(`${t.name}:${t.version}`, t);
  }
  const targets = [...byTag.values()];
  if (!opts.force) await refuseInUse(paths, targets);
  const byName = new Map<string, Target[]>();
  for (const t of targets) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  // What crashed deletes of this machine left where this one works (owner-id.ts); never fails it.
  await reclaimOwnOrphansQuietly(paths);
  await reclaimDeadHolders(await holderBases(paths, [...byName.keys()].map((n) => path.join(paths.models, n))).catch(() => []));

  const deleted: string[] = [];
  const trashed: TrashEntry[] = [];
  const toRemove: string[] = [];
  for (const [name, group] of byName) {
    const nameDir = path.join(paths.models, name);
    await withNameLock(paths, name, async () => {
      for (const t of group) {
        const dir = path.join(nameDir, t.version);
        // Gone meanwhile (someone else deleted it): nothing left to do for this one.
        if (!(await lexists(dir))) continue;
        try {
          if (opts.trash) {
            trashed.push(await trashVersion(paths, name, t.version));
          } else {
            toRemove.push((await moveAside(paths, dir, `${name}:${t.version}`)).remove);
          }
        } catch (error) {
          await updateLatestAfterRemove(nameDir).catch(() => undefined);
          throw fsError(error, dir, 'delete', paths.home);
        }
        deleted.push(`${name}:${t.version}`);
      }
      await withFsErrors(path.join(nameDir, 'latest'), 'write', paths.home, () => updateLatestAfterRemove(nameDir));
    }).catch((error: unknown) => {
      throw deleteFailedError(error, { home: paths.home, trash: Boolean(opts.trash), done: deleted, total: targets.length });
    });
  }
  // Outside the lock: removing big trees takes time and nobody can see them any more.
  for (const dir of toRemove) await withFsErrors(dir, 'delete', paths.home, () => fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  return { deleted, trashed };
}
