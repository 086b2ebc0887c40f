// Bulk actions of the window (issue 12 view 15): export many versions into one chosen folder and
// relabel many versions, each one its own store operation so one bad version never stops the
// rest; what could not be done comes back with its sentence.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { BulkExportResult, BulkFailure, BulkRelabelArgs, BulkRelabelResult } from '../../shared/ipc-contract-bulk.ts';
import type { EditResult } from '../../shared/edit-types.ts';
import { errnoInfo } from '../../shared/errno-sentences.ts';
import { ShelfError, type ErrorInfo } from '../../shared/errors.ts';
import type { TaskId } from '../../shared/ipc-contract.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { editModel, type ModelStore } from '../../store/index.ts';
import type { Logger } from '../ports.ts';
import type { ServiceContext } from './service-context.ts';

const nameOfTag = (tag: string): string => (tag.split(':')[0] ?? tag).toLowerCase();

function failure(tag: string, error: unknown, log: Logger): BulkFailure {
  if (error instanceof ShelfError) return { tag, error: error.toInfo() };
  log(`bulk action on ${tag} failed`, error);
  const info: ErrorInfo = errnoInfo(error) ?? { code: 'INTERNAL', message: 'Something went wrong inside Model Shelf. The details were written to the log; please try again.' };
  return { tag, error: info };
}

/** The archive's name in the chosen folder: the name the single export proposes. */
export const bulkArchiveName = (v: Pick<ModelVersion, 'name' | 'version'>): string => `${v.name}-${v.version}.bentomodel`;

const exists = (file: string): Promise<boolean> => fsp.lstat(file).then(() => true, () => false);

/**
 * Puts a finished archive at `target` only if nothing has that name: a hard link fails with
 * EEXIST instead of replacing (rename would replace). Where links are refused (FAT, some network
 * folders) the name is checked just before the rename.
 */
async function placeNoClobber(temp: string, target: string): Promise<boolean> {
  try {
    await fsp.link(temp, target);
    await fsp.rm(temp, { force: true });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await fsp.rm(temp, { force: true });
      return false;
    }
    if (await exists(target)) {
      await fsp.rm(temp, { force: true });
      return false;
    }
    await fsp.rename(temp, target);
    return true;
  }
}

/** The labels already say so: setting them again and removing absent keys would change nothing. */
function alreadyLabelled(v: ModelVersion | undefined, labels: BulkRelabelArgs['labels']): boolean {
  if (!v || v.status !== 'ok') return false;
  return Object.entries(labels.set).every(([k, val]) => v.labels[k] === val) && labels.unset.every((k) => !Object.hasOwn(v.labels, k));
}

export function bulkOperations(ctx: ServiceContext) {
  const requireStore = async (): Promise<ModelStore> => {
    const store = await ctx.session().existingStore();
    if (store) return store;
    throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist, so there is nothing to act on.`);
  };
  return {
    /** Asks for a folder once (null when cancelled), then exports each version into it as one task. */
    exportMany: (taskId: TaskId, tags: readonly string[]): Promise<BulkExportResult | null> =>
      ctx.session().tasks.run(taskId, async (task) => {
        const store = await requireStore();
        if (!ctx.dialogs.pickExportFolder) throw new ShelfError('INTERNAL', 'This window cannot choose a folder to export to; export the versions one by one.');
        const folder = await ctx.dialogs.pickExportFolder();
        if (folder === null) return null;
        const written: { tag: string; path: string }[] = [];
        const taken: { tag: string; path: string }[] = [];
        const failed: BulkFailure[] = [];
        for (const tag of tags) {
          if (task.signal.aborted) return { folder, written, taken, failed, cancelled: true };
          try {
            const version = await store.resolve(tag);
            const target = path.join(folder, bulkArchiveName(version));
            if (await exists(target)) {
              taken.push({ tag: version.tag, path: target });
              continue;
            }
            // Hidden while it is written, so a half-written archive never carries the final name.
            const temp = path.join(folder, `.${randomBytes(6).toString('hex')}-${bulkArchiveName(version)}`);
            const out = await store.export(version.tag, temp, { signal: task.signal, onProgress: (e) => task.onProgress({ ...e, current: version.tag }) });
            if (await placeNoClobber(out, target)) written.push({ tag: version.tag, path: target });
            else taken.push({ tag: version.tag, path: target });
          } catch (error) {
            if (task.signal.aborted) return { folder, written, taken, failed, cancelled: true };
            failed.push(failure(tag, error, ctx.log));
          }
        }
        return { folder, written, taken, failed, cancelled: false };
      }),
    /** Sets/removes labels on each version (one model.yaml replace under its name's lock, one undo id each). */
    relabelMany: async (args: BulkRelabelArgs): Promise<BulkRelabelResult> => {
      const store = await requireStore();
      const known = new Map(ctx.session().snapshot().versions.map((v) => [v.tag, v]));
      const edited: EditResult[] = [];
      const unchanged: string[] = [];
      const failed: BulkFailure[] = [];
      try {
        for (const tag of args.tags) {
          if (alreadyLabelled(known.get(tag), args.labels)) {
            unchanged.push(tag);
            continue;
          }
          try {
            edited.push(await editModel(store.paths, tag, { labels: { set: Object.entries(args.labels.set), unset: args.labels.unset } }));
          } catch (error) {
            failed.push(failure(tag, error, ctx.log));
          }
        }
      } finally {
        // The window that asked sees its snapshot and trash size current when it is answered.
        await ctx.session().refresh(new Set(args.tags.map(nameOfTag)));
        await ctx.session().refreshTrash();
      }
      return { edited, unchanged, failed };
    },
  };
}

export type BulkOperations = ReturnType<typeof bulkOperations>;
