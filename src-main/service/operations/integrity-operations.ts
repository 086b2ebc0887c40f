// Integrity and duplicates for the window (issue 11 §3, §4): verify with progress and cancel (a
// task under the window's id), a version's integrity state for the detail view (its manifest
// only, nothing hashed), and dedup as a plan the person sees first, then applied by its id
// exactly as planned (a file changed since is left and reported, never linked unseen).
import { randomUUID } from 'node:crypto';
import { ShelfError } from '../../shared/errors.ts';
import type { DedupPreview, DedupReport, IntegrityInfo, RecordedManifest, VerifyResult } from '../../shared/integrity-types.ts';
import type { TaskId } from '../../shared/ipc-contract.ts';
import { loadDedup, loadIntegrity, type DedupPlan, type ModelStore } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

/** Plans kept for applying; only the last few (a plan is a snapshot, an old one is stale anyway). */
const KEPT_PLANS = 4;

const where = (f: { tag: string; path: string }): string => `${f.tag}/${f.path}`;

function preview(planId: string, plan: DedupPlan): DedupPreview {
  return {
    planId,
    groups: plan.groups.map((g) => ({ sha256: g.sha256, size: g.size, keep: where(g.keep), replace: g.replace.map(where), frees: g.frees })),
    files: plan.files,
    frees: plan.frees,
    scannedFiles: plan.scannedFiles,
    hashedFiles: plan.hashedFiles,
    hashedBytes: plan.hashedBytes,
  };
}

export function integrityOperations(ctx: ServiceContext) {
  const plans = new Map<string, { home: string; plan: DedupPlan }>();
  const store = async (): Promise<ModelStore> => {
    const found = await ctx.session().existingStore();
    if (!found) throw new ShelfError('NOT_FOUND', `The store folder ${ctx.session().snapshot().modelsDir} does not exist, so there is nothing to check.`);
    return found;
  };
  return {
    /** Hashes the versions again (every one when `tags` is empty) and compares with their manifests. */
    verifyModels: (taskId: TaskId, tags: readonly string[]): Promise<VerifyResult[]> =>
      ctx.session().tasks.run(taskId, async (task) => {
        const { verifyVersions, versionsToVerify } = await loadIntegrity();
        const s = await store();
        const versions = await versionsToVerify(s.paths, tags);
        task.throwIfCancelled();
        return verifyVersions(s.paths, versions, { signal: task.signal, onProgress: task.onProgress });
      }),
    /** The manifest of one version, as the detail view shows it. */
    integrityOf: async (tag: string): Promise<IntegrityInfo> => {
      const s = await store();
      const version = await s.resolve(tag);
      const { readManifest } = await loadIntegrity();
      const m = await readManifest(s.paths, version.name, version.version);
      return {
        tag: version.tag,
        manifest: m && { recordedAt: m.recordedAt, recordedBy: m.recordedBy, atSave: m.atSave, files: m.files.length, bytes: m.files.reduce((sum, f) => sum + (f.sha256 === undefined ? 0 : f.size), 0) },
      };
    },
    /** The manifest of one version as recorded, for Compare: read, never hashed, nothing written. */
    manifestOf: async (tag: string): Promise<RecordedManifest> => {
      const s = await store();
      const version = await s.resolve(tag);
      const { recordedManifest } = await loadIntegrity();
      return { tag: version.tag, manifest: await recordedManifest(s.paths, version.name, version.version, version.path) };
    },
    /** Finds identical files across versions (progress, cancel); nothing changes. */
    planDedup: (taskId: TaskId): Promise<DedupPreview> =>
      ctx.session().tasks.run(taskId, async (task) => {
        const s = await store();
        const plan = await (await loadDedup()).planDedup(s.paths, { signal: task.signal, onProgress: task.onProgress });
        const planId = randomUUID();
        plans.set(planId, { home: s.paths.home, plan });
        for (const old of [...plans.keys()].slice(0, -KEPT_PLANS)) plans.delete(old);
        return preview(planId, plan);
      }),
    /** Links exactly the files of a plan the window showed. */
    applyDedup: (taskId: TaskId, planId: string): Promise<DedupReport> =>
      ctx.session().tasks.run(taskId, async (task) => {
        const s = await store();
        const kept = plans.get(planId);
        if (!kept || kept.home !== s.paths.home) throw new ShelfError('NOT_FOUND', 'That duplicate list is no longer current (another store was opened, or newer lists were made). Look for duplicates again.');
        plans.delete(planId);
        const result = await (await loadDedup()).applyDedup(s.paths, kept.plan, { signal: task.signal, onProgress: task.onProgress });
        await ctx.session().refresh(new Set(result.replaced.map((r) => r.tag.split(':')[0] ?? '')));
        return {
          replaced: result.replaced.map((r) => ({ file: where(r), keep: where(r.keep), method: r.method })),
          skipped: result.skipped.map((r) => ({ file: where(r), reason: r.reason })),
          freed: result.freed,
        };
      }),
  };
}

export type IntegrityOperations = ReturnType<typeof integrityOperations>;
