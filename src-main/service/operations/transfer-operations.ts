// Export (save dialog in main) and import (dropped, picked or opened files), each one task under
// the id the window chose (or main's own for files opened from the OS), and cancel for any task.
import { randomUUID } from 'node:crypto';
import { ShelfError } from '../../shared/errors.ts';
import type { TaskId } from '../../shared/ipc-contract.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { checkSourcePaths } from '../../store/index.ts';
import type { RunningTask } from '../task-registry.ts';
import type { ServiceContext } from './service-context.ts';

/** Imports archives (and saved model folders) one by one with progress; a failure names how far it got. */
async function importChecked(ctx: ServiceContext, task: RunningTask, files: readonly string[], dedup = false): Promise<ModelVersion[]> {
  const checked = await checkSourcePaths(files);
  if (checked.length === 0) return [];
  task.throwIfCancelled();
  const store = await ctx.session().openStore();
  const imported: ModelVersion[] = [];
  try {
    for (const item of checked) {
      task.throwIfCancelled();
      // store.import takes saved model folders (model.yaml at the root) as well as archives.
      imported.push(await store.import(item.path, { signal: task.signal, onProgress: task.onProgress, dedup }));
    }
  } catch (error) {
    if (imported.length > 0 && error instanceof ShelfError) {
      throw new ShelfError(error.code, `Imported ${imported.length} of ${checked.length} items. ${error.message}`, error.details ? { details: { ...error.details } } : undefined);
    }
    throw error;
  } finally {
    await ctx.session().refresh(new Set(imported.map((v) => v.name)));
  }
  return imported;
}

export function transferOperations(ctx: ServiceContext) {
  return {
    /** Asks where to write (null when the dialog was cancelled), then exports with progress. */
    exportModel: (taskId: TaskId, tag: string): Promise<{ path: string } | null> =>
      ctx.session().tasks.run(taskId, async (task) => {
        const store = await ctx.session().existingStore();
        if (!store) throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist, so there is nothing to export.`);
        const version = await store.resolve(tag);
        const out = await ctx.dialogs.pickExportPath(`${version.name}-${version.version}.bentomodel`);
        if (out === null) return null;
        task.throwIfCancelled();
        const written = await store.export(version.tag, out, { signal: task.signal, onProgress: task.onProgress });
        return { path: written };
      }),
    /** Imports `paths`, or what an open dialog gives (nothing when it was cancelled). */
    importModels: (taskId: TaskId, paths: readonly string[] | undefined, dedup = false): Promise<ModelVersion[]> =>
      ctx.session().tasks.run(taskId, async (task) => importChecked(ctx, task, paths ?? (await ctx.dialogs.pickImportFiles()), dedup)),
    /** Files opened from the OS (argv, open-file, second-instance): imported like a drop. */
    importOpenedFiles: async (paths: readonly string[]): Promise<void> => {
      // Main starts this one, so main names the task.
      await ctx.session().tasks.run(`opened-${randomUUID()}`, (task) => importChecked(ctx, task, paths));
    },
    /** A task that just finished is not an error: the click and the finish crossed. */
    cancelTask: (taskId: TaskId): void => {
      ctx.session().tasks.cancel(taskId);
    },
  };
}

export type TransferOperations = ReturnType<typeof transferOperations>;
