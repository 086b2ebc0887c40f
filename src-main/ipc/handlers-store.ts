// app:ready and the store-wide requests: snapshot, open another store, create its folder, repair.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** People pick either a BENTOML_HOME or its models/ folder; both mean the same store (§1). */
export function homeFromPickedFolder(picked: string): string {
  const resolved = path.resolve(picked);
  if (path.basename(resolved) === 'models' && !isDirectory(path.join(resolved, 'models'))) return path.dirname(resolved);
  return resolved;
}

export function storeHandlers(ctx: ServiceContext): HandlerImpls<'app:ready' | 'store:snapshot' | 'store:open' | 'store:create-folder' | 'store:repair'> {
  return {
    'app:ready': async () => {
      ctx.markReady();
      return { version: ctx.appVersion, platform: ctx.platform };
    },
    'store:snapshot': async () => ctx.snapshot(),
    'store:open': async () => {
      const picked = await ctx.dialogs.pickStoreFolder();
      if (picked === null) return null;
      await ctx.switchHome(homeFromPickedFolder(picked));
      return ctx.snapshot();
    },
    'store:create-folder': async () => {
      await ctx.openStore();
      await ctx.refresh('all');
      return ctx.snapshot();
    },
    'store:repair': async ({ dryRun }) => {
      const store = await ctx.existingStore();
      if (!store) return { problems: [], fixed: [] };
      const report = await store.repair({ dryRun });
      if (!dryRun) {
        await ctx.refresh('all');
        await ctx.refreshTrash();
      }
      return report;
    },
  };
}
