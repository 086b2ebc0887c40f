// The window's start and the store-wide requests: snapshot, open another store, create its
// models/ folder, repair.
import path from 'node:path';
import type { RepairReport, StoreSnapshot } from '../../shared/model-types.ts';
import { isDirectorySync } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

/** People pick either a BENTOML_HOME or its models/ folder; both mean the same store (§1). */
export function homeFromPickedFolder(picked: string): string {
  const resolved = path.resolve(picked);
  if (path.basename(resolved) === 'models' && !isDirectorySync(path.join(resolved, 'models'))) return path.dirname(resolved);
  return resolved;
}

export function storeOperations(ctx: ServiceContext) {
  return {
    /** The window is listening: pushes flow from now on. */
    ready: (): Promise<{ version: string; platform: string }> => {
      ctx.markReady();
      return Promise.resolve({ version: ctx.appVersion, platform: ctx.platform });
    },
    snapshot: (): StoreSnapshot => ctx.session().snapshot(),
    /** Asks for a folder (null when the dialog was cancelled) and opens the store there. */
    openAnotherStore: async (): Promise<StoreSnapshot | null> => {
      const picked = await ctx.dialogs.pickStoreFolder();
      if (picked === null) return null;
      await ctx.switchHome(homeFromPickedFolder(picked));
      return ctx.session().snapshot();
    },
    createModelsFolder: async (): Promise<StoreSnapshot> => {
      await ctx.session().openStore();
      await ctx.session().refresh('all');
      return ctx.session().snapshot();
    },
    repair: async (dryRun: boolean): Promise<RepairReport> => {
      const store = await ctx.session().existingStore();
      if (!store) return { problems: [], fixed: [] };
      const report = await store.repair({ dryRun });
      if (!dryRun) {
        await ctx.session().refresh('all');
        await ctx.session().refreshTrash();
      }
      return report;
    },
  };
}

export type StoreOperations = ReturnType<typeof storeOperations>;
