// Export (save dialog in main), import (dropped/opened files or an open dialog) and task:cancel.
import { ShelfError } from '../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../shared/model-types.ts';
import type { ModelStore } from '../store/model-store.ts';
import { checkDroppedPaths } from './path-checks.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

/** Imports archives (and saved model folders) one by one with progress; a failure names how far it got. */
export async function importArchives(ctx: ServiceContext, files: readonly string[]): Promise<ModelVersion[]> {
  const checked = await checkDroppedPaths(files);
  if (checked.length === 0) return [];
  const store: ModelStore = await ctx.openStore();
  const imported: ModelVersion[] = [];
  try {
    for (const item of checked) {
      const version = await ctx.tasks.run(({ id, signal }) => {
        const onProgress = (event: ProgressEvent) => ctx.push('task:progress', { ...event, id });
        // store.import takes saved model folders (model.yaml at the root) as well as archives.
        return store.import(item.path, { signal, onProgress });
      });
      imported.push(version);
    }
  } catch (error) {
    if (imported.length > 0 && error instanceof ShelfError) {
      throw new ShelfError(error.code, `Imported ${imported.length} of ${checked.length} items. ${error.message}`, error.details ? { details: { ...error.details } } : undefined);
    }
    throw error;
  } finally {
    await ctx.refresh(new Set(imported.map((v) => v.name)));
  }
  return imported;
}

export function transferHandlers(ctx: ServiceContext): HandlerImpls<'models:export' | 'models:import' | 'task:cancel'> {
  return {
    'models:export': async ({ tag }) => {
      const store = await ctx.existingStore();
      if (!store) throw new ShelfError('NOT_FOUND', `The store folder ${ctx.snapshot().modelsDir} does not exist, so there is nothing to export.`);
      const version = await store.resolve(tag);
      const out = await ctx.dialogs.pickExportPath(`${version.name}-${version.version}.bentomodel`);
      if (out === null) return null;
      const written = await ctx.tasks.run(({ id, signal }) =>
        store.export(version.tag, out, { signal, onProgress: (event) => ctx.push('task:progress', { ...event, id }) }),
      );
      return { path: written };
    },
    'models:import': async ({ paths }) => {
      const files = paths ?? (await ctx.dialogs.pickImportFiles());
      return importArchives(ctx, files);
    },
    'task:cancel': async ({ id }) => {
      // A task that just finished is not an error: the click and the finish crossed.
      ctx.tasks.cancel(id);
    },
  };
}
