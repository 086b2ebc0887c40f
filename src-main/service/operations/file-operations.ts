// One file of a version for the window (issue 12 view 17): the version by tag, the file by its
// path inside it, read bounded by the store (store/preview/); nothing changes.
import { ShelfError } from '../../shared/errors.ts';
import type { FilePreview } from '../../shared/file-preview-types.ts';
import { readVersionFile } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

export function fileOperations(ctx: ServiceContext) {
  return {
    /** A preview of `path` inside the version `tag` (text, image or "binary"), at most a few MiB read. */
    versionFile: async (tag: string, path: string): Promise<FilePreview> => {
      const store = await ctx.session().existingStore();
      if (!store) throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist, so there is no file to show.`);
      const version = await store.resolve(tag);
      return readVersionFile(version.path, path);
    },
  };
}

export type FileOperations = ReturnType<typeof fileOperations>;
