// Bulk actions of the window (issue 12 view 15): export many versions into one chosen folder and
// relabel many versions, each one its own store operation so one bad version never stops the
// rest; what could not be done comes back with its sentence.
import { constants as fsConstants, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { BulkExportResult, BulkFailure, BulkRelabelArgs, BulkRelabelResult } from '../../shared/ipc-contract-bulk.ts';
import type { EditResult } from '../../shared/edit-types.ts';
import { errnoCode, errnoInfo } from '../../shared/errno-sentences.ts';
import { ShelfError, type ErrorInfo } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { TaskId } from '../../shared/ipc-contract.ts';
import { MAX_MODEL_YAML_BYTES, MAX_MODEL_YAML_TEXT } from '../../shared/model-yaml-cap.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { editModel, isDeadHere, newStamp, parseStamp, sourceGuard, type ModelStore } from '../../store/index.ts';
import type { Logger } from '../ports.ts';
import type { ServiceContext } from './service-context.ts';
import { storeNamesOf } from './store-names.ts';

function failure(tag: string, error: unknown, log: Logger): BulkFailure {
  if (error instanceof ShelfError) return { tag, error: error.toInfo() };
  log(`bulk action on ${tag} failed`, error);
  const info: ErrorInfo = errnoInfo(error) ?? { code: 'INTERNAL', message: 'Something went wrong inside Model Shelf. The details were written to the log; please try again.' };
  return { tag, error: info };
}

/** The archive's name in the chosen folder: the name the single export proposes. */
export const bulkArchiveName = (v: Pick<ModelVersion, 'name' | 'version'>): string => `${v.name}-${v.version}.bentomodel`;

const exists = (file: string): Promise<boolean> => fsp.lstat(file).then(() => true, () => false);

// A finished archive waits under a hidden name carrying its owner's stamp until it is linked to
// its own name. A kill in between leaves it there; the next bulk export into that folder removes
// the ones whose process is gone (never a live export's). The export's own partial while it is
// being written is the store's to reclaim (export-partials.ts).
const HIDDEN_PREFIX = '.model-shelf-bulk-';
const HIDDEN_RE = /^\.model-shelf-bulk-([A-Za-z0-9._]+-\d+-[0-9a-f]+)\.bentomodel$/;

// Only the stamp, so the name stays short whatever the model's name (a host name is at most 64 bytes).
const hiddenName = (): string => `${HIDDEN_PREFIX}${newStamp()}.bentomodel`;

async function reclaimKilledArchives(folder: string): Promise<void> {
  for (const name of await fsp.readdir(folder).catch(() => [] as string[])) {
    const owner = HIDDEN_RE.exec(name)?.[1];
    if (owner === undefined || !isDeadHere(parseStamp(owner))) continue;
    const file = path.join(folder, name);
    if ((await fsp.lstat(file).catch(() => null))?.isFile()) await fsp.rm(file, { force: true }).catch(() => undefined);
  }
}

/**
 * Puts a finished archive at `target` only if nothing has that name: a hard link fails with
 * EEXIST instead of replacing (rename would replace). Where links are refused (FAT, some network
 * folders) the name is checked just before the rename.
 */
async function placeNoClobber(temp: string, target: string): Promise<boolean> {
  try {
    try {
      await fsp.link(temp, target);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || (await exists(target))) return false;
      await fsp.rename(temp, target);
      return true;
    }
  } finally {
    // Linked, refused, or the rename failed: the hidden name never stays behind.
    await fsp.rm(temp, { force: true });
  }
}

/** Why nothing more can be written into `folder`: gone, or not writable (read-only, not ours); null when it is fine. */
async function folderProblem(folder: string): Promise<ErrorInfo | null> {
  const isFolder = await fsp.stat(folder).then((s) => s.isDirectory(), () => false);
  if (!isFolder) return { code: 'NOT_FOUND', message: `The folder ${folder} was removed or moved while the versions were exported into it; choose a folder again and export the rest.` };
  const writable = await fsp.access(folder, fsConstants.W_OK).then(() => true, () => false);
  if (!writable) return { code: 'PERMISSION', message: `Model Shelf may not write into the folder ${folder} (it is read-only or not yours), so no archive can be put there; choose another folder and export the rest.` };
  return null;
}

/** The store's sentence about the hidden name speaks of the archive's own name instead. */
function aboutTarget(failed: BulkFailure, temp: string, target: string): BulkFailure {
  return failed.error.message.includes(temp) ? { ...failed, error: { ...failed.error, message: failed.error.message.split(temp).join(target) } } : failed;
}

/** The labels already say so: setting them again and removing absent keys would change nothing. */
function alreadyLabelled(v: ModelVersion, labels: BulkRelabelArgs['labels']): boolean {
  if (v.status !== 'ok') return false;
  return Object.entries(labels.set).every(([k, val]) => v.labels[k] === val) && labels.unset.every((k) => !Object.hasOwn(v.labels, k));
}

/**
 * The labels' own bytes (a key and its value per line, at least): when they alone are over the
 * model.yaml cap, every version would refuse them after building its YAML (seconds of main's
 * time each, for thousands of versions), so the request is refused once, before any is read.
 */
function labelsTooBig(labels: BulkRelabelArgs['labels']): ShelfError | null {
  const bytes = Object.entries(labels.set).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v) + 4, 0);
  if (bytes <= MAX_MODEL_YAML_BYTES) return null;
  return new ShelfError(
    'INVALID_LABELS',
    `These labels alone come to ${humanSize(bytes)}, over Model Shelf's cap of ${MAX_MODEL_YAML_TEXT} for a model.yaml (BentoML reads every model.yaml on each listing), so no version was relabelled; keep large data in a file of the model instead.`,
  );
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
        // Refused once for the whole request: each version would otherwise be refused with the same sentence.
        const place = await (await sourceGuard(store.paths)).placeOf(folder);
        if (place !== undefined) {
          throw new ShelfError('INVALID_ARGUMENT', `The folder ${folder} is part of this store's ${place.label} (${place.real}); exporting there would change the store, so no version was exported: choose a folder outside the store.`);
        }
        await reclaimKilledArchives(folder);
        const written: { tag: string; path: string }[] = [];
        const taken: { tag: string; path: string }[] = [];
        const failed: BulkFailure[] = [];
        // Each version once, however many tags name it (a version and `name:latest`, a tag twice).
        const seen = new Set<string>();
        // Names this run wrote: `a-b:c` and `a:b-c` both make `a-b-c.bentomodel`, and the second is
        // not a file that "was already there", so it goes beside the first as `a-b-c (2).bentomodel`.
        const ours = new Set<string>();
        for (const [index, tag] of tags.entries()) {
          if (task.signal.aborted) return { folder, written, taken, failed, cancelled: true };
          let temp: string | null = null;
          let target = '';
          let seenTag: string | null = null;
          try {
            const version = await store.resolve(tag);
            if (seen.has(version.tag)) continue;
            seen.add(version.tag);
            seenTag = version.tag;
            target = path.join(folder, bulkArchiveName(version));
            for (let n = 2; ours.has(target); n += 1) target = path.join(folder, `${version.name}-${version.version} (${n}).bentomodel`);
            if (await exists(target)) {
              taken.push({ tag: version.tag, path: target });
              continue;
            }
            // Hidden while it is written, so a half-written archive never carries the final name.
            temp = path.join(folder, hiddenName());
            const out = await store.export(version.tag, temp, { signal: task.signal, onProgress: (e) => task.onProgress({ ...e, current: version.tag }) });
            if (await placeNoClobber(out, target)) {
              written.push({ tag: version.tag, path: target });
              ours.add(target);
            } else taken.push({ tag: version.tag, path: target });
          } catch (error) {
            if (task.signal.aborted) return { folder, written, taken, failed, cancelled: true };
            const blocked = temp === null ? null : await folderProblem(folder);
            if (blocked !== null) {
              // The rest cannot be written there either: said once per version, not tried (a tag
              // naming a version already done is not reported again).
              const rest = new Set([tag, ...tags.slice(index + 1).filter((t) => !seen.has(t))]);
              for (const t of rest) failed.push({ tag: t, error: blocked });
              return { folder, written, taken, failed, cancelled: false };
            }
            if (['NO_SPACE', 'ENOSPC', 'EDQUOT'].includes(errnoCode(error) ?? '')) {
              // A smaller version may still fit: the next ones are tried.
              failed.push({ tag, error: { code: 'NO_SPACE', message: `The disk holding ${folder} is full, so ${seenTag ?? tag} was not exported (nothing of it was left there); free some space and export it again.` } });
              continue;
            }
            const one = failure(tag, error, ctx.log);
            failed.push(temp === null ? one : aboutTarget(one, temp, target));
          }
        }
        return { folder, written, taken, failed, cancelled: false };
      }),
    /** Sets/removes labels on each version (one model.yaml replace under its name's lock, one undo id each). */
    relabelMany: async (args: BulkRelabelArgs): Promise<BulkRelabelResult> => {
      const tooBig = labelsTooBig(args.labels);
      if (tooBig) throw tooBig;
      const store = await requireStore();
      const edited: EditResult[] = [];
      const unchanged: string[] = [];
      const failed: BulkFailure[] = [];
      // Each version once, however many tags name it: a second edit of the same file would make
      // a second undo entry that the first one's undo then refuses (the file changed after it).
      const seen = new Set<string>();
      try {
        for (const tag of args.tags) {
          try {
            // Read now, not from the snapshot: a label set a moment ago by the CLI counts.
            const version = await store.resolve(tag);
            if (seen.has(version.tag)) continue;
            seen.add(version.tag);
            if (alreadyLabelled(version, args.labels)) {
              unchanged.push(version.tag);
              continue;
            }
            edited.push(await editModel(store.paths, version.tag, { labels: { set: Object.entries(args.labels.set), unset: args.labels.unset } }));
          } catch (error) {
            failed.push(failure(tag, error, ctx.log));
          }
        }
      } finally {
        // The window that asked sees its snapshot and trash size current when it is answered.
        // Only names the store resolved: a tag as typed may be no name at all ('..', '').
        await ctx.session().refresh(storeNamesOf(seen));
        await ctx.session().refreshTrash();
      }
      return { edited, unchanged, failed };
    },
  };
}

export type BulkOperations = ReturnType<typeof bulkOperations>;
