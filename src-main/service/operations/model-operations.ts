// Reading one model, revealing it, bento usage, delete (to the trash) and the trash itself.
// The window names models by tag and trash entries by id, never by path (design §6).
import { ShelfError } from '../../shared/errors.ts';
import type { ModelDetail, ModelVersion, TrashEntry } from '../../shared/model-types.ts';
import type { ModelStore } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';
import { storeNamesOf } from './store-names.ts';


export function modelOperations(ctx: ServiceContext) {
  const requireStore = async (): Promise<ModelStore> => {
    const store = await ctx.session().existingStore();
    if (store) return store;
    throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist. Create it or open another store.`);
  };
  return {
    getModel: async (tag: string): Promise<ModelDetail> => (await requireStore()).get(tag),
    revealModel: async (tag: string): Promise<void> => {
      const version = await (await requireStore()).resolve(tag);
      ctx.shell.reveal(version.path);
    },
    /** The local bentos that use each tag. */
    bentosUsing: async (tags: readonly string[]): Promise<Record<string, readonly string[]>> => {
      const store = await requireStore();
      const usage: Record<string, readonly string[]> = {};
      for (const tag of tags) usage[tag] = await store.bentosUsing(tag);
      return usage;
    },
    /** Moves exactly these versions or models to the trash. */
    deleteModels: async (tags: readonly string[], force: boolean): Promise<readonly TrashEntry[]> => {
      const store = await requireStore();
      try {
        // The window sends the exact tags it showed in its confirmation: never widen one that is gone.
        const result = await store.delete([...tags], { trash: true, force, exact: true });
        return result.trashed;
      } finally {
        // Even a refused or half-done delete may have moved something: show the disk as it is.
        await ctx.session().refresh(storeNamesOf(tags));
        await ctx.session().refreshTrash();
      }
    },
    listTrash: async (): Promise<readonly TrashEntry[]> => {
      const store = await ctx.session().existingStore();
      return store ? store.listTrash() : [];
    },
    restoreFromTrash: async (ids: readonly string[]): Promise<readonly ModelVersion[]> => {
      const store = await requireStore();
      try {
        const restored = await store.restore([...ids]);
        await ctx.session().refresh(new Set(restored.map((v) => v.name)));
        return restored;
      } catch (error) {
        await ctx.session().refresh('all');
        throw error;
      } finally {
        await ctx.session().refreshTrash();
      }
    },
    emptyTrash: async (): Promise<{ freed: number }> => {
      const store = await ctx.session().existingStore();
      if (!store) return { freed: 0 };
      try {
        return await store.emptyTrash();
      } finally {
        await ctx.session().refreshTrash();
      }
    },
  };
}

export type ModelOperations = ReturnType<typeof modelOperations>;
