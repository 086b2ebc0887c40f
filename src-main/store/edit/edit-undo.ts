import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { fsError, withFsErrors } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { scanName } from '../read/scan.ts';
import { withTrashLock, writeJsonAtomic } from '../remove/trash.ts';
import { reclaimDeadTrashTemps } from '../remove/trash-leftovers.ts';
import { withReason } from '../remove/restore-report.ts';
import { replaceModelYaml } from './rewrite-model-yaml.ts';
import { readRegularFile } from '../read/regular-file.ts';
import { MAX_MODEL_YAML_BYTES, MAX_MODEL_YAML_TEXT } from '../../shared/model-yaml-cap.ts';

// An edit's undo lives in the trash beside deleted versions (remove/trash.ts): `<id>/model.yaml`
// is the file as it was before the edit, `<id>.json` says which version it belongs to and the
// SHA-256 of the file before and after the edit. Restoring it puts the old file back by the same
// atomic replace as the edit, and only while the file is still exactly what the edit wrote:
// anything changed since (another edit, a hand edit) would otherwise be lost without a word.

export interface EditTrashManifest {
  readonly id: string;
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  readonly size: number;
  /** When the edit was made. */
  readonly deletedAt: string;
  readonly from: string;
  readonly kind: 'edit';
  /** SHA-256 (hex) of model.yaml before and after the edit. */
  readonly before: string;
  readonly after: string;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A fresh trash id (the trash's own pattern, `<ms>-<hex>`). */
export const newTrashId = (): string => `${Date.now()}-${randomBytes(4).toString('hex')}`;

/** Moves a staged `<id>/model.yaml` folder into the trash with its record. Call it holding the name lock. */
export async function publishEditUndo(paths: StorePaths, staged: string, m: EditTrashManifest): Promise<void> {
  await withTrashLock(paths, async () => {
    await withFsErrors(paths.trash, 'write', paths.home, async () => {
      await fsp.mkdir(paths.trash, { recursive: true });
      await reclaimDeadTrashTemps(paths);
      await writeJsonAtomic(path.join(paths.trash, `${m.id}.json`), m);
    });
    try {
      await fsp.rename(staged, path.join(paths.trash, m.id));
    } catch (error) {
      await fsp.rm(path.join(paths.trash, `${m.id}.json`), { force: true });
      throw fsError(error, staged, 'move', paths.home);
    }
  });
}

async function dropEntry(paths: StorePaths, id: string): Promise<void> {
  await withTrashLock(paths, async () => {
    // The record first: a crash then leaves a folder nobody lists, never a record of nothing.
    await withFsErrors(path.join(paths.trash, `${id}.json`), 'delete', paths.home, () => fsp.rm(path.join(paths.trash, `${id}.json`), { force: true }));
    await withFsErrors(path.join(paths.trash, id), 'delete', paths.home, () => fsp.rm(path.join(paths.trash, id), { recursive: true, force: true }));
  });
}

/** What restore gets from the trash's record of an edit (remove/trash.ts reads it). */
export interface EditRecord {
  readonly id: string;
  readonly tag: string;
  readonly name: string;
  readonly version: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Puts the model.yaml from before an edit back; refuses when the file changed since the edit. */
export async function restoreEdit(paths: StorePaths, m: EditRecord): Promise<ModelVersion | null> {
  if (typeof m.before !== 'string' || typeof m.after !== 'string') {
    throw withReason(new ShelfError('BROKEN_MODEL', `The trash's record of the edit '${m.id}' is damaged, so it cannot be restored; \`model-shelf trash empty\` removes it.`), "has a damaged undo record in the trash (`model-shelf trash empty` removes it)");
  }
  const dir = path.join(paths.models, m.name, m.version);
  const file = path.join(dir, 'model.yaml');
  await withNameLock(paths, m.name, async () => {
    const saved = path.join(paths.trash, m.id, 'model.yaml');
    // Both read non-blocking and only as regular files: a pipe in either place would hang the undo.
    const oldRead = await withFsErrors(saved, 'read', paths.home, () => readRegularFile(saved, MAX_MODEL_YAML_BYTES));
    if (oldRead.kind !== 'bytes') {
      throw withReason(new ShelfError('BROKEN_MODEL', `The trash's copy of the model.yaml from before the edit '${m.id}' is not a regular file of at most ${MAX_MODEL_YAML_TEXT} (${saved}), so it cannot be restored; \`model-shelf trash empty\` removes it.`), 'has a damaged undo copy in the trash (`model-shelf trash empty` removes it)');
    }
    const old = oldRead.bytes;
    const currentRead = await readRegularFile(file, MAX_MODEL_YAML_BYTES).catch(() => null);
    if (currentRead !== null && currentRead.kind !== 'bytes') {
      throw withReason(new ShelfError('BROKEN_MODEL', `The model.yaml of '${m.tag}' is not a regular file of at most ${MAX_MODEL_YAML_TEXT} (a pipe, socket, device or folder at ${file}), so it was not read and the edit was not undone; replace it with the version's model.yaml and undo again.`), 'has a model.yaml that is not a regular file, so the edit was not undone');
    }
    const current = currentRead?.bytes ?? null;
    if (current === null) {
      throw withReason(new ShelfError('NOT_FOUND', `Model '${m.tag}' no longer has a model.yaml (it was deleted or is being rewritten), so its labels and metadata from before the edit cannot be put back.`), 'no longer has a model.yaml (it was deleted or is being rewritten)');
    }
    const now = sha256(current);
    // A restore that crashed after its rename: the old file is already back, only the entry is left.
    if (now !== m.before) {
      if (now !== m.after) {
        throw withReason(new ShelfError('ALREADY_EXISTS', `The model.yaml of '${m.tag}' changed after this edit, so putting back the older one would lose that change; edit its labels or metadata instead.`), 'was changed after that edit, so the later change was kept and the edit was not undone (its undo stays in the trash)');
      }
      const mode = (await fsp.stat(file)).mode & 0o7777;
      await replaceModelYaml(paths, { name: m.name, version: m.version, dir }, old, { mode });
    }
    await dropEntry(paths, m.id);
  });
  const found = (await scanName(paths.home, m.name)).versions.find((v) => v.version === m.version);
  return found ?? null;
}
