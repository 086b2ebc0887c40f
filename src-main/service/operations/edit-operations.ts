// Changing a saved version's labels and metadata from the window (issue 11 §5): the same store
// operations as `model-shelf label`, `metadata` and `promote`, with the same checks and
// sentences; each answers what changed and the trash id that undoes it (`undoEdit`).
import type { EditResult, PromoteResult } from '../../shared/edit-types.ts';
import type { ModelEditArgs } from '../../shared/ipc-contract.ts';
import { ShelfError } from '../../shared/errors.ts';
import type { Labels, ModelVersion } from '../../shared/model-types.ts';
import { editModel, promoteModel, undoEdits, type ModelStore } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';
import { storeNamesOf } from './store-names.ts';


export function editOperations(ctx: ServiceContext) {
  const requireStore = async (): Promise<ModelStore> => {
    const store = await ctx.session().existingStore();
    if (store) return store;
    throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist. Create it or open another store.`);
  };
  // The watcher sees an edit too (rewrite-model-yaml.ts touches `latest`), but the window that
  // asked should not wait for it: its own snapshot and trash size are current when it is answered.
  const settle = async (names: Iterable<string>): Promise<void> => {
    await ctx.session().refresh(new Set(names));
    await ctx.session().refreshTrash();
  };
  return {
    /** Sets and removes labels and/or metadata of one version (one model.yaml replace, one undo). */
    editModel: async (args: ModelEditArgs): Promise<EditResult> => {
      const store = await requireStore();
      try {
        return await editModel(store.paths, args.tag, {
          ...(args.labels ? { labels: { set: Object.entries(args.labels.set), unset: args.labels.unset } } : {}),
          ...(args.metadata ? { metadata: { set: Object.entries(args.metadata.set), unset: args.metadata.unset } } : {}),
        });
      } finally {
        await settle(storeNamesOf([args.tag]));
      }
    },
    /** Moves label values onto `tag` and off the other versions of its name that carry them. */
    promoteModel: async (tag: string, labels: Labels): Promise<PromoteResult> => {
      const store = await requireStore();
      try {
        return await promoteModel(store.paths, tag, Object.entries(labels));
      } finally {
        await settle(storeNamesOf([tag]));
      }
    },
    /**
     * Undoes edits by their trash ids (an edit's `undoId`; a promote's, newest first): every one
     * that can be; the ones that cannot stay in the trash and one sentence names them.
     */
    undoEdit: async (ids: readonly string[]): Promise<readonly ModelVersion[]> => {
      const store = await requireStore();
      const names = new Map((await store.listTrash()).map((e) => [e.id, e.name]));
      try {
        return await undoEdits(store.paths, ids);
      } finally {
        await settle(ids.flatMap((id) => names.get(id) ?? []));
      }
    },
  };
}

export type EditOperations = ReturnType<typeof editOperations>;
