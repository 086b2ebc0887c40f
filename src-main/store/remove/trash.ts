import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { ModelVersion, TrashEntry } from '../../shared/model-types.ts';
import { dirSize } from '../read/dir-size.ts';
import { errnoCode, fsError, withFsErrors } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { updateLatestAfterAdd, updateLatestAfterRemove } from '../latest/latest-rule.ts';
import { parseModelYaml } from '../yaml/model-yaml.ts';
import { readModelYamlText } from '../yaml/model-yaml-limits.ts';
import { scanName } from '../read/scan.ts';
import { reclaimOwnOrphansQuietly, reserveStagingPath } from '../create/staging-area.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { reclaimDeadTrashTemps, trashTempName } from './trash-leftovers.ts';
import { isDirectory, lexists } from '../paths/fs-probe.ts';
import { manifestFromTrash, manifestToTrash } from '../integrity/manifest-file.ts';
import { asKept, keptError, withReason, type KeptItem } from './restore-report.ts';
import { regularFileText } from '../read/regular-file.ts';

/** A trash record is a few hundred bytes of JSON; anything far bigger is not one of ours. */
const TRASH_RECORD_LIMIT = 1 << 20;

// The trash is Model Shelf's own (BentoML has none): `.model-shelf/trash/<id>/` is the version
// directory as it was, `<id>.json` beside it says where it came from. The manifest is written
// first, so a crash leaves at worst a manifest without a directory (listTrash skips it).
// Every change of the trash folder holds the trash lock, so that emptying it never sees a
// manifest whose directory is still on its way in (or the other way round).

interface Manifest extends TrashEntry {
  readonly from: string;
  /** 'edit': `<id>/model.yaml` is a version's model.yaml from before an edit (edit/edit-undo.ts). */
  readonly kind?: 'edit';
}

const ID_RE = /^\d+-[0-9a-f]+$/;

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  // Names its owner, so that a crash's temp file is reclaimed (trash-leftovers.ts).
  const temp = trashTempName(file);
  try {
    await fsp.writeFile(temp, JSON.stringify(value, null, 2));
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The lock name of the trash folder (not a valid model name, so it never meets a model's lock). */
const TRASH_LOCK = '.trash';

/** Runs `fn` holding the trash lock. Always taken after a name lock, never before one. */
export function withTrashLock<T>(paths: StorePaths, fn: () => Promise<T>): Promise<T> {
  return withNameLock(paths, TRASH_LOCK, fn);
}

function otherDiskError(paths: StorePaths, tag: string, into: 'trash' | 'models', cause: unknown): ShelfError {
  const message =
    into === 'trash'
      ? `Model '${tag}' was not moved to the trash: the trash (${paths.trash}) is on another disk than the model's folder. Delete it for good instead, or make ${paths.private} a link to a folder on the models' disk.`
      : `Model '${tag}' was not put back: the trash (${paths.trash}) is on another disk than ${paths.models}. Make ${paths.private} a link to a folder on the models' disk and try again.`;
  return new ShelfError('IO', message, { cause });
}

/** Moves a version directory into the trash by one rename. Call it holding the name lock. */
export async function trashVersion(paths: StorePaths, name: string, version: string): Promise<TrashEntry> {
  const id = `${Date.now()}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(paths.models, name, version);
  const tag = `${name}:${version}`;
  const entry: Manifest = { id, tag, name, version, size: await dirSize(dir), deletedAt: new Date().toISOString(), from: path.relative(paths.home, dir) };
  await withTrashLock(paths, async () => {
    await withFsErrors(paths.trash, 'write', paths.home, async () => {
      await fsp.mkdir(paths.trash, { recursive: true });
      await reclaimDeadTrashTemps(paths);
      await writeJsonAtomic(path.join(paths.trash, `${id}.json`), entry);
    });
    try {
      await fsp.rename(dir, path.join(paths.trash, id));
    } catch (error) {
      await fsp.rm(path.join(paths.trash, `${id}.json`), { force: true });
      throw errnoCode(error) === 'EXDEV' ? otherDiskError(paths, tag, 'trash', error) : fsError(error, dir, 'move', paths.home);
    }
    // Its SHA-256 manifest (integrity/) waits beside it and comes back with it.
    await manifestToTrash(paths, name, version, id);
  });
  return { id, tag, name, version, size: entry.size, deletedAt: entry.deletedAt };
}

async function readManifest(paths: StorePaths, id: string): Promise<Manifest | null> {
  if (!ID_RE.test(id)) return null;
  try {
    // Non-blocking and only as a regular file: a pipe named <id>.json would hang listing and restore.
    const text = await regularFileText(path.join(paths.trash, `${id}.json`), TRASH_RECORD_LIMIT);
    if (text === null) return null;
    const m = JSON.parse(text) as Manifest;
    const isDir = await isDirectory(path.join(paths.trash, id));
    return isDir && typeof m.name === 'string' && typeof m.version === 'string' ? m : null;
  } catch {
    return null;
  }
}

/** Trash entries, most recently deleted first. */
export async function listTrash(paths: StorePaths): Promise<TrashEntry[]> {
  const names = await fsp.readdir(paths.trash).catch(() => [] as string[]);
  const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
  const manifests = (await Promise.all(ids.map((id) => readManifest(paths, id)))).filter((m): m is Manifest => m !== null);
  return manifests
    .map(({ id, tag, name, version, size, deletedAt, kind }) => ({ id, tag, name, version, size, deletedAt, ...(kind === 'edit' ? { kind } : {}) }))
    .sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0));
}

export interface RestoreOptions {
  /** Only edits' undo entries (`model:undo-edit`): any other id is said to be no edit in the trash. */
  readonly onlyEdits?: boolean;
}

function notInTrash(id: string, opts: RestoreOptions): ShelfError {
  return opts.onlyEdits
    ? withReason(new ShelfError('NOT_FOUND', `There is no edit '${id}' in the trash to undo (it was undone or the trash was emptied).`), 'is no edit in the trash (it was undone already or the trash was emptied)')
    : withReason(new ShelfError('NOT_FOUND', `There is no item '${id}' in the trash. Run \`model-shelf trash\` to see what it holds.`), 'is no longer in the trash');
}

/** Puts one deleted version back where it was; refuses when its tag exists again. */
async function restoreVersion(paths: StorePaths, id: string, m: Manifest): Promise<ModelVersion | null> {
  const nameDir = path.join(paths.models, m.name);
  const target = path.join(nameDir, m.version);
  await withNameLock(paths, m.name, async () => {
    if (await lexists(target)) {
      throw withReason(new ShelfError('ALREADY_EXISTS', `Model '${m.tag}' exists again in ${paths.models}, so the deleted one cannot be put back. Delete the current '${m.tag}' first if you want the old one back.`), 'exists again, so the deleted one stays in the trash (delete the current one first to put it back)');
    }
    await withFsErrors(nameDir, 'write', paths.home, () => fsp.mkdir(nameDir, { recursive: true }));
    await withTrashLock(paths, async () => {
      try {
        await fsp.rename(path.join(paths.trash, id), target);
      } catch (error) {
        throw errnoCode(error) === 'EXDEV' ? otherDiskError(paths, m.tag, 'models', error) : fsError(error, path.join(paths.trash, id), 'move', paths.home);
      }
      await manifestFromTrash(paths, id, m.name, m.version);
      await withFsErrors(path.join(paths.trash, `${id}.json`), 'delete', paths.home, () => fsp.rm(path.join(paths.trash, `${id}.json`), { force: true }));
    });
    const time = await readModelYamlText(path.join(target, 'model.yaml')).then((t) => parseModelYaml(t).creation_time, () => '');
    await withFsErrors(path.join(nameDir, 'latest'), 'write', paths.home, () =>
      time !== '' ? updateLatestAfterAdd(nameDir, { version: m.version, creationTime: time }) : updateLatestAfterRemove(nameDir),
    );
  });
  return (await scanName(paths.home, m.name)).versions.find((v) => v.version === m.version) ?? null;
}

/**
 * Puts versions (and edits' old model.yaml files) back where they were: every one that can be,
 * in the order given; the ones that cannot stay in the trash, and one sentence says which and why
 * (restore-report.ts) after the others are back.
 */
export async function restoreFromTrash(paths: StorePaths, ids: readonly string[], opts: RestoreOptions = {}): Promise<ModelVersion[]> {
  const restored: ModelVersion[] = [];
  const done: string[] = [];
  const kept: KeptItem[] = [];
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const m = await readManifest(paths, id);
    try {
      if (m === null || (opts.onlyEdits === true && m.kind !== 'edit')) throw notInTrash(id, opts);
      const back = m.kind === 'edit' ? await (await import('../edit/edit-undo.ts')).restoreEdit(paths, m) : await restoreVersion(paths, id, m);
      if (back) restored.push(back);
      done.push(m.tag);
    } catch (error) {
      kept.push(asKept(id, m?.tag ?? null, error));
    }
  }
  const refused = keptError(unique.length, done, kept);
  if (refused) throw refused;
  return restored;
}

/**
 * Removes everything in the trash. Under the trash lock each entry leaves by one rename into
 * staging; the (slow) removal of the renamed trees happens after the lock is released.
 */
export async function emptyTrash(paths: StorePaths): Promise<{ freed: number }> {
  let freed = 0;
  const aside: string[] = [];
  await reclaimOwnOrphansQuietly(paths);
  await withTrashLock(paths, async () => {
    // Versions leave before the manifests: a crash then leaves only manifests without a version
    // (trash-leftovers.ts), never a version nobody can see or restore.
    const names = (await fsp.readdir(paths.trash).catch(() => [] as string[])).sort((a, b) => Number(a.endsWith('.json')) - Number(b.endsWith('.json')));
    for (const name of names) {
      const full = path.join(paths.trash, name);
      const stat = await fsp.lstat(full).catch(() => null);
      if (stat === null) continue;
      if (stat.isDirectory()) {
        freed += await dirSize(full);
        const spot = await reserveStagingPath(paths, 'trash');
        await withFsErrors(full, 'delete', paths.home, () => fsp.rename(full, spot.dir));
        aside.push(spot.dir);
      } else {
        await withFsErrors(full, 'delete', paths.home, () => fsp.rm(full, { force: true }));
      }
    }
  });
  for (const dir of aside) await withFsErrors(dir, 'delete', paths.home, () => fsp.rm(dir, { recursive: true, force: true }));
  return { freed };
}

export async function trashSize(paths: StorePaths): Promise<number> {
  return (await listTrash(paths)).reduce((sum, e) => sum + e.size, 0);
}
