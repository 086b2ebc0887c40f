import { promises as fsp, constants as fsc } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isShelfError, ShelfError } from '../../shared/errors.ts';
import type { EditResult, FieldChange } from '../../shared/edit-types.ts';
import type { MetadataValue } from '../../shared/model-types.ts';
import { fsError } from '../paths/fs-errors.ts';
import { isDirectory } from '../paths/fs-probe.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { resolveTag } from '../read/resolve-tag.ts';
import { isOversized, oversizedYamlReason, readCapped } from '../yaml/model-yaml-limits.ts';
import { parseModelYaml, type ModelInfo } from '../yaml/model-yaml.ts';
import { checkEditRequest, type EditField, type EditRequest, type FieldEdit } from './edit-request.ts';
import { editedModelYaml } from './edited-yaml.ts';
import { newTrashId, publishEditUndo, sha256 } from './edit-undo.ts';
import { replaceModelYaml } from './rewrite-model-yaml.ts';

// One edit of one version's labels and/or metadata (issue 11 §5), under the name's lock: read
// model.yaml, refuse what cannot be edited (being written, broken, over the cap, read-only),
// work out what really changes, write the new file by one atomic replace and keep the old one in
// the trash for undo.

export type { EditResult, FieldChange } from '../../shared/edit-types.ts';

/** A version without model.yaml: the app's wording for it everywhere (the delete dialog says the same). */
export function busy(tag: string): ShelfError {
  return new ShelfError('BUSY', `Model '${tag}' is still being written (it has no model.yaml yet), so it was not changed; try again once it is complete.`);
}

/** The model.yaml of a version for an edit: its bytes and what they say, or a sentence why it cannot be edited. */
async function readForEdit(paths: StorePaths, tag: string, dir: string): Promise<{ bytes: Buffer; text: string; info: ModelInfo }> {
  if (!(await isDirectory(dir))) throw new ShelfError('NOT_FOUND', `Model '${tag}' was not found in ${paths.models} (it may have been deleted meanwhile).`);
  const file = path.join(dir, 'model.yaml');
  const read = await readCapped(file);
  if (read instanceof Error) {
    if (read.code === 'ENOENT') throw busy(tag);
    throw fsError(read, file, 'read', paths.home);
  }
  if (isOversized(read)) throw new ShelfError('BROKEN_MODEL', `${oversizedYamlReason(read.oversized)} It was not edited.`);
  const text = read.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(read)) throw new ShelfError('BROKEN_MODEL', `The model.yaml of '${tag}' is not UTF-8 text, so it was not edited.`);
  try {
    return { bytes: read, text, info: parseModelYaml(text) };
  } catch (error) {
    const why = isShelfError(error) ? error.message.replace(/\.$/, '') : String(error);
    throw new ShelfError('BROKEN_MODEL', `The model.yaml of '${tag}' cannot be edited because BentoML cannot load it (${why}); \`model-shelf repair\` says what to do.`);
  }
}

function apply<V>(field: EditField, current: Record<string, V>, edit: FieldEdit<V> | undefined, changes: FieldChange[]): Record<string, V> | undefined {
  if (edit === undefined) return undefined;
  // A Map, so that a key such as `__proto__` is a key like any other.
  const next = new Map(Object.entries(current));
  for (const key of edit.unset ?? []) {
    if (!next.has(key)) continue;
    changes.push({ field, key, before: next.get(key) as string | MetadataValue });
    next.delete(key);
  }
  for (const [key, value] of edit.set ?? []) {
    const had = next.has(key);
    const before = next.get(key);
    if (had && isDeepStrictEqual(before, value)) continue;
    changes.push({ field, key, ...(had ? { before: before as string | MetadataValue } : {}), after: value as string | MetadataValue });
    next.set(key, value);
  }
  return Object.fromEntries(next);
}

function describeNoChange(tag: string, request: EditRequest): string {
  const parts: string[] = [];
  for (const field of ['labels', 'metadata'] as const) {
    const edit = request[field];
    const set = (edit?.set ?? []).map(([k]) => k);
    const unset = edit?.unset ?? [];
    if (set.length > 0) parts.push(`already has ${field === 'labels' ? 'label' : 'metadata'} ${set.map((k) => `'${k}'`).join(', ')} with ${set.length === 1 ? 'that value' : 'those values'}`);
    if (unset.length > 0) parts.push(`has no ${field === 'labels' ? 'label' : 'metadata key'} ${unset.map((k) => `'${k}'`).join(', ')}`);
  }
  return `Nothing to change: '${tag}' ${parts.join(' and ')}.`;
}

/**
 * Edits `name:version` (exact). Call it holding the name's lock. With `quiet`, a request that
 * changes nothing returns null instead of refusing (promote asks every version).
 */
export async function editLocked(paths: StorePaths, name: string, version: string, request: EditRequest, quiet = false): Promise<EditResult | null> {
  const tag = `${name}:${version}`;
  const dir = path.join(paths.models, name, version);
  const { bytes, text, info } = await readForEdit(paths, tag, dir);
  if (info.name !== name || info.version !== version) {
    throw new ShelfError('BROKEN_MODEL', `The model.yaml of '${tag}' names it '${info.name}:${info.version}', so it was not edited; \`model-shelf repair\` says what to do.`);
  }
  const changes: FieldChange[] = [];
  const labels = apply('labels', info.labels, request.labels, changes);
  const metadata = apply('metadata', info.metadata, request.metadata, changes);
  if (changes.length === 0) {
    if (quiet) return null;
    throw new ShelfError('INVALID_ARGUMENT', describeNoChange(tag, request));
  }
  await fsp.access(dir, fsc.W_OK).catch((error: unknown) => Promise.reject(fsError(error, dir, 'write', paths.home)));
  const edits = (field: EditField) => ({
    set: changes.filter((c) => c.field === field && c.after !== undefined).map((c) => [c.key, c.after] as const),
    unset: changes.filter((c) => c.field === field && c.after === undefined).map((c) => c.key),
  });
  const edited = editedModelYaml(
    tag,
    text,
    info,
    { ...(labels ? { labels } : {}), ...(metadata ? { metadata } : {}) },
    { ...(labels ? { labels: edits('labels') } : {}), ...(metadata ? { metadata: edits('metadata') } : {}) },
  );
  const next = Buffer.from(edited.text, 'utf8');
  const mode = (await fsp.stat(path.join(dir, 'model.yaml'))).mode & 0o7777;
  const id = newTrashId();
  const manifest = {
    id,
    tag,
    name,
    version,
    size: bytes.length,
    deletedAt: new Date().toISOString(),
    from: path.relative(paths.home, dir),
    kind: 'edit' as const,
    before: sha256(bytes),
    after: sha256(next),
  };
  const { undone } = await replaceModelYaml(paths, { name, version, dir }, next, {
    mode,
    undo: { bytes, id, publish: (staged) => publishEditUndo(paths, staged, manifest) },
  });
  return { tag, name, version, changes, undoId: undone ? id : null, labels: edited.info.labels, metadata: edited.info.metadata, surgical: edited.surgical };
}

/** Edits the version `tag` names (resolved like `get`), under its name's lock. */
export async function editVersion(paths: StorePaths, tag: string, request: EditRequest): Promise<EditResult> {
  checkEditRequest(request);
  const resolved = await resolveTag(paths.home, tag);
  if (resolved.status === 'incomplete') throw busy(resolved.tag);
  const result = await withNameLock(paths, resolved.name, () => editLocked(paths, resolved.name, resolved.version, request));
  // Not quiet: a request that changes nothing has already been refused.
  return result as EditResult;
}
