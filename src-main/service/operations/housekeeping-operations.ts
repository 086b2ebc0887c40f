// Housekeeping for the window (issue 11 §1, §2): where the disk space goes, and clean-up by rules
// as a preview, then exactly that preview applied. The plan stays in main (the window holds only
// its id), so the window can never ask to remove a version it was not shown.
import { randomUUID } from 'node:crypto';
import { ShelfError } from '../../shared/errors.ts';
import type { DiskUsage, PrunePreview, PruneReport, PruneRules } from '../../shared/housekeeping-types.ts';
import { diskUsage, loadPrune, type ModelStore, type PrunePlan } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

/** Previews kept for applying; an older one must be previewed again. */
const KEPT_PLANS = 4;

const report = (plan: PruneReport): PruneReport => ({ remove: plan.remove, keep: plan.keep, frees: plan.frees, trash: plan.trash });

export function housekeepingOperations(ctx: ServiceContext) {
  const plans = new Map<string, { home: string; plan: PrunePlan }>();
  const requireStore = async (): Promise<ModelStore> => {
    const store = await ctx.session().existingStore();
    if (store) return store;
    throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist. Create it or open another store.`);
  };
  return {
    /** `du` of the whole store, or of one model. */
    diskUsage: async (name?: string): Promise<DiskUsage> => diskUsage((await requireStore()).paths, name),
    /** A clean-up preview: nothing changes until `applyPrunePlan(planId)`. */
    planPrune: async (rules: PruneRules): Promise<PrunePreview> => {
      const store = await requireStore();
      const plan = await (await loadPrune()).planPrune(store.paths, rules);
      const planId = randomUUID();
      plans.set(planId, { home: store.paths.home, plan });
      for (const old of [...plans.keys()].slice(0, Math.max(0, plans.size - KEPT_PLANS))) plans.delete(old);
      return { ...report(plan), planId };
    },
    /** Removes exactly the previewed versions that are still as previewed; the rest is reported as kept. */
    applyPrunePlan: async (planId: string): Promise<PruneReport> => {
      const kept = plans.get(planId);
      const store = await requireStore();
      if (!kept || kept.home !== store.paths.home) {
        throw new ShelfError('NOT_FOUND', 'That clean-up preview is no longer available (a newer one replaced it, or another store was opened); preview again, then confirm.');
      }
      plans.delete(planId);
      try {
        return report(await (await loadPrune()).applyPrune(store.paths, kept.plan));
      } finally {
        await ctx.session().refresh(new Set(kept.plan.targets.map((t) => t.name)));
        await ctx.session().refreshTrash();
      }
    },
  };
}

export type HousekeepingOperations = ReturnType<typeof housekeepingOperations>;
