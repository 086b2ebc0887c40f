// Export (save dialog in main) and import (dropped/opened files or an open dialog), each one task
// under the id the window chose, and task:cancel for any task.
import { ShelfError } from '../shared/errors.ts';
import type { TaskId } from '../shared/ipc-contract.ts';
import type { ModelVersion } from '../shared/model-types.ts';
import { checkDroppedPaths } from './path-checks.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';
import type { RunningTask } from './task-registry.ts';

/** Imports archives (and saved model folders) one by one with progress; a failure names how far it got. */
async function importChecked(ctx: ServiceContext, task: RunningTask, files: readonly string[]): Promise<ModelVersion[]> {
  const checked = await checkDroppedPaths(files);
  if (checked.length === 0) return [];
  task.throwIfCancelled();
  const store = await ctx.openStore();
  const imported: ModelVersion[] = [];
  try {
    for (const item of checked) {
      task.throwIfCancelled();
      // store.import takes saved model folders (model.yaml at the root) as well as archives.
      imported.push(await store.import(item.path, { signal: task.signal, onProgress: task.onProgress }));
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

/** Imports `files` as the task `taskId` (the window's id, or main's own for files opened from the OS). */
export function importArchives(ctx: ServiceContext, taskId: TaskId, files: readonly string[]): Promise<ModelVersion[]> {
  return ctx.tasks.run(taskId, (task) => importChecked(ctx, task, files));
}

export function transferHandlers(ctx: ServiceContext): HandlerImpls<'models:export' | 'models:import' | 'task:cancel'> {
  return {
    'models:export': ({ taskId, tag }) =>
      ctx.tasks.run(taskId, async (task) => {
        const store = await ctx.existingStore();
        if (!store) throw new ShelfError('NOT_FOUND', `The store folder ${ctx.snapshot().modelsDir} does not exist, so there is nothing to export.`);
        const version = await store.resolve(tag);
        const out = await ctx.dialogs.pickExportPath(`${version.name}-${version.version}.bentomodel`);
        if (out === null) return null;
        task.throwIfCancelled();
        const written = await store.export(version.tag, out, { signal: task.signal, onProgress: task.onProgress });
        return { path: written };
      }),
    'models:import': ({ taskId, paths }) =>
      ctx.tasks.run(taskId, async (task) => importChecked(ctx, task, paths ?? (await ctx.dialogs.pickImportFiles()))),
    'task:cancel': async ({ taskId }) => {
      // A task that just finished is not an error: the click and the finish crossed.
      ctx.tasks.cancel(taskId);
    },
  };
}
