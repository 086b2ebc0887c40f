// One file of a version for the window (issue 12 view 17): the version by tag, the file by its
// path inside it, read bounded by the store (store/preview/); nothing changes.
import { ShelfError } from '../../shared/errors.ts';
import type { FilePreview } from '../../shared/file-preview-types.ts';
import { readVersionFile } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

/**
 * Previews read at the same time. Each holds up to 4 MiB of image and its base64 text in main
 * until it is answered, and the window is untrusted (design §6): a flood of requests waits its
 * turn instead of taking main's memory (200 at once held 2.9 GB).
 */
export const PREVIEWS_AT_ONCE = 4;

/** Runs at most `limit` of the calls given to it at once, the others in the order they came. */
function gate(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await fn();
    } finally {
      // The turn passes straight to the next waiter (running stays counted), or is given back.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

export function fileOperations(ctx: ServiceContext) {
  const inTurn = gate(PREVIEWS_AT_ONCE);
  return {
    /** A preview of `path` inside the version `tag` (text, image or "binary"), at most a few MiB read. */
    versionFile: (tag: string, path: string): Promise<FilePreview> =>
      inTurn(async () => {
        const store = await ctx.session().existingStore();
        if (!store) throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist, so there is no file to show.`);
        const version = await store.resolve(tag);
        return readVersionFile(version.path, path);
      }),
  };
}

export type FileOperations = ReturnType<typeof fileOperations>;
