// Reading one model, revealing it, bento usage, delete (to the trash) and the trash itself.
// The renderer names models by tag and trash entries by id, never by path (design §6).
import { ShelfError } from '../shared/errors.ts';
import type { ModelStore } from '../store/index.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

type Channels = 'model:get' | 'model:reveal' | 'model:usage' | 'models:delete' | 'trash:list' | 'trash:restore' | 'trash:empty';

const nameOfTag = (tag: string): string => (tag.split(':')[0] ?? tag).toLowerCase();

export function modelHandlers(ctx: ServiceContext): HandlerImpls<Channels> {
  const requireStore = async (): Promise<ModelStore> => {
    const store = await ctx.existingStore();
    if (store) return store;
    throw new ShelfError('NOT_FOUND', `The store folder ${ctx.snapshot().modelsDir} does not exist. Create it or open another store.`);
  };
  return {
    'model:get': async ({ tag }) => (await requireStore()).get(tag),
    'model:reveal': async ({ tag }) => {
      const version = await (await requireStore()).resolve(tag);
      ctx.shell.reveal(version.path);
    },
    'model:usage': async ({ tags }) => {
      const store = await requireStore();
      const usage: Record<string, readonly string[]> = {};
      for (const tag of tags) usage[tag] = await store.bentosUsing(tag);
      return usage;
    },
    'models:delete': async ({ tags, force }) => {
      const store = await requireStore();
      try {
        // The window sends the exact tags it showed in its confirmation: never widen one that is gone.
        const result = await store.delete([...tags], { trash: true, force, exact: true });
        return result.trashed;
      } finally {
        // Even a refused or half-done delete may have moved something: show the disk as it is.
        await ctx.refresh(new Set(tags.map(nameOfTag)));
        await ctx.refreshTrash();
      }
    },
    'trash:list': async () => {
      const store = await ctx.existingStore();
      return store ? store.listTrash() : [];
    },
    'trash:restore': async ({ ids }) => {
      const store = await requireStore();
      try {
        const restored = await store.restore([...ids]);
        await ctx.refresh(new Set(restored.map((v) => v.name)));
        return restored;
      } catch (error) {
        await ctx.refresh('all');
        throw error;
      } finally {
        await ctx.refreshTrash();
      }
    },
    'trash:empty': async () => {
      const store = await ctx.existingStore();
      if (!store) return { freed: 0 };
      try {
        return await store.emptyTrash();
      } finally {
        await ctx.refreshTrash();
      }
    },
  };
}
