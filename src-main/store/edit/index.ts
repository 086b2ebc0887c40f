// edit/: changing a finished version's labels and metadata (one atomic model.yaml replace, undo in the trash) and promote.
// Loaded on use: `list` and `get` never pay for the YAML writer, the trash or the splice.
import type { ModelVersion } from '../../shared/model-types.ts';
import type { StorePaths } from '../paths/home.ts';
import type { EditRequest } from './edit-request.ts';
import type { EditResult } from './edit-version.ts';
import type { PromoteResult } from './promote.ts';

export type { EditField, EditRequest, FieldEdit } from './edit-request.ts';
export type { EditResult, FieldChange } from './edit-version.ts';
export type { PromoteResult } from './promote.ts';
export { onModelYamlRewritten, type ModelYamlRewrite } from './model-yaml-rewritten.ts';

/** Sets and unsets labels and/or metadata of the version `tag` names (resolved like `get`). */
export async function editModel(paths: StorePaths, tag: string, request: EditRequest): Promise<EditResult> {
  return (await import('./edit-version.ts')).editVersion(paths, tag, request);
}

/** Moves label values onto `tag` and off every other version of its name that carries them. */
export async function promoteModel(paths: StorePaths, tag: string, labels: readonly (readonly [string, string])[]): Promise<PromoteResult> {
  return (await import('./promote.ts')).promoteLabels(paths, tag, labels);
}

/**
 * Undoes edits by their trash ids: every one that can be is undone; one whose model.yaml changed
 * since (or that is no longer in the trash) is kept, and one sentence names it after the rest.
 */
export async function undoEdits(paths: StorePaths, ids: readonly string[]): Promise<ModelVersion[]> {
  return (await import('../remove/trash.ts')).restoreFromTrash(paths, ids, { onlyEdits: true });
}
