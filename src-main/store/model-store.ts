import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Labels, ModelDetail, ModelVersion, ProgressEvent, RepairReport, StoreProblem, TrashEntry } from '../shared/model-types.ts';
import { isValidTagComponent } from '../shared/tag-rules.ts';
import type { ArchiveFormat } from './archive/archive-format.ts';
import type { BeginOptions, CreateSession } from './create/create-session.ts';
import type { DeleteOptions } from './remove/delete-models.ts';
import { fsError } from './paths/fs-errors.ts';
import { isDirectory } from './paths/fs-probe.ts';
import { resolveHome, storePaths, type StorePaths } from './paths/home.ts';
import { resolveTag, resolveTagReporting, type ResolvedTag } from './read/resolve-tag.ts';
import { scanName, scanStore, type ScanResult } from './read/scan.ts';

// Reading (list, resolve) is imported above; everything else is imported by the method that needs
// it. A CLI run does one command, and the writers, the archives (tar, zip, xz) and the trash are
// most of the store's load time: `model-shelf list NAME` should not pay for `export`
// (docs/benchmarks.md, "Speed, second pass"). Node caches each module, so a second call costs nothing.
const bentoRefs = () => import('./read/bento-refs.ts');
const createSession = () => import('./create/create-session.ts');
const deleting = () => import('./remove/delete-models.ts');
const exporting = () => import('./archive/export-model.ts');
const fileTrees = () => import('./read/file-tree.ts');
const importing = () => import('./import/import-model.ts');
const repairing = () => import('./repair/repair.ts');
const modelYamlText = () => import('./yaml/model-yaml-limits.ts');
const trash = () => import('./remove/trash.ts');

export interface TaskOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
}

/** The one object the app, the CLI and the tests use to work on a store. */
export class ModelStore {
  readonly paths: StorePaths;

  private constructor(paths: StorePaths) {
    this.paths = paths;
  }

  /**
   * The store of `home` (--home > $BENTOML_HOME > ~/bentoml) without touching the disk: readers
   * (list, get, export, the window's browsing) never create, change or delete anything (issue 8).
   */
  static forHome(opts: { home?: string; env?: NodeJS.ProcessEnv } = {}): ModelStore {
    return new ModelStore(storePaths(resolveHome(opts.home, opts.env ?? process.env)));
  }

  /** Opens the store for writing, creating `models/` like BentoML does (§1). */
  static async open(opts: { home?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ModelStore> {
    const store = ModelStore.forHome(opts);
    await store.ensureModelsDir();
    return store;
  }

  /** Creates `models/` if it is missing (writers only: create, import, the window's "Create folder"). */
  async ensureModelsDir(): Promise<void> {
    try {
      await fsp.mkdir(this.paths.models, { recursive: true });
    } catch (error) {
      throw fsError(error, this.paths.models, 'write', this.paths.home);
    }
  }

  /** True when `models/` is a folder (readers report a missing store instead of creating it). */
  async exists(): Promise<boolean> {
    return isDirectory(this.paths.models);
  }

  async list(filter: { name?: string; labels?: Labels } = {}): Promise<{ versions: ModelVersion[]; problems: StoreProblem[] }> {
    const name = filter.name?.toLowerCase();
    // One name reads only models/<name>/, as `bentoml models list NAME` does: its cost does not grow
    // with the other models, and only that name's problems are reported (the others do not break it).
    // A name no directory can have (BentoML refuses it as a tag) has no versions and no problems.
    const empty: ScanResult = { versions: [], problems: [] };
    const { versions, problems } =
      name === undefined ? await scanStore(this.paths.home) : isValidTagComponent(name) ? await scanName(this.paths.home, name) : empty;
    const wanted = Object.entries(filter.labels ?? {});
    return { versions: wanted.length === 0 ? versions : versions.filter((v) => wanted.every(([k, val]) => v.labels[k] === val)), problems };
  }

  resolve(tag: string): Promise<ModelVersion> {
    return resolveTag(this.paths.home, tag);
  }

  /** resolve(), plus what is wrong with `latest` when the tag went through it (reported, never fixed). */
  resolveReporting(tag: string): Promise<ResolvedTag> {
    return resolveTagReporting(this.paths.home, tag);
  }

  async get(tag: string): Promise<ModelDetail> {
    return this.detail(await this.resolve(tag));
  }

  /** The files, model.yaml and bento users of a resolved version. */
  async detail(version: ModelVersion): Promise<ModelDetail> {
    // Capped: an oversized model.yaml is never sent whole to the window (its status says why).
    const [{ readModelYamlText }, { fileTree }, { bentosUsing }] = await Promise.all([modelYamlText(), fileTrees(), bentoRefs()]);
    const yamlText = await readModelYamlText(path.join(version.path, 'model.yaml')).catch(() => '');
    const [files, usedBy] = await Promise.all([fileTree(version.path), bentosUsing(this.paths.home, version.tag)]);
    return { version, yamlText, files, usedBy };
  }

  /** A create session; its owner (a CLI command, a window task) commits or aborts it. */
  async begin(opts: BeginOptions): Promise<CreateSession> {
    return (await createSession()).beginCreate(this.paths, opts);
  }

  async delete(tags: string[], opts: DeleteOptions = {}): Promise<{ deleted: string[]; trashed: TrashEntry[] }> {
    return (await deleting()).deleteModels(this.paths, tags, opts);
  }

  /** The exact `name:version` tags `delete(tags)` would remove now (for a confirmation). */
  async deleteTargets(tags: string[]): Promise<string[]> {
    return (await deleting()).resolveDeleteTargets(this.paths, tags);
  }

  async bentosUsing(tag: string): Promise<string[]> {
    return (await bentoRefs()).bentosUsing(this.paths.home, tag);
  }

  async listTrash(): Promise<TrashEntry[]> {
    return (await trash()).listTrash(this.paths);
  }

  async restore(ids: string[]): Promise<ModelVersion[]> {
    return (await trash()).restoreFromTrash(this.paths, ids);
  }

  async emptyTrash(): Promise<{ freed: number }> {
    return (await trash()).emptyTrash(this.paths);
  }

  async trashSize(): Promise<number> {
    return (await trash()).trashSize(this.paths);
  }

  async export(tag: string, out: string, opts: TaskOptions & { format?: ArchiveFormat } = {}): Promise<string> {
    const version = await this.resolve(tag);
    return (await exporting()).exportModel(this.paths, version, out, opts);
  }

  /** Imports an archive (.bentomodel, tar, tar.gz/xz/bz2, zip) or a saved model folder (model.yaml at its root). */
  async import(file: string, opts: TaskOptions & { dedup?: boolean } = {}): Promise<ModelVersion> {
    return (await importing()).importModel(this.paths, file, opts);
  }

  async repair(opts: { dryRun?: boolean } = {}): Promise<RepairReport> {
    return (await repairing()).repairStore(this.paths, opts);
  }
}
