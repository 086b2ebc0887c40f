// The one typed fake of the main process (design §1): an in-memory store behind every request
// and push channel of the IPC contract. The renderer unit and component tests drive the window's
// state through it and read outcomes from its "disk" (`versions`, `trash`, `requests`); the dev
// preview (src-renderer/dev) runs the window in a plain browser on it. Its handler table is typed
// by `ShelfApi['request']`, so a channel missing here, or one the contract does not know, does
// not compile. It loads in a browser page too: no Node modules, no DOM beyond `File`.
import {
  perChannel,
  PUSH_CHANNELS,
  REQUEST_CHANNELS,
  type InspectedItem,
  type PushChannel,
  type PushMap,
  type RequestChannel,
  type ShelfApi,
  type TaskId,
} from '../../src-main/shared/ipc-contract.ts';
import type { ErrorCode, ErrorInfo } from '../../src-main/shared/errors.ts';
import type { EditResult, FieldChange } from '../../src-main/shared/edit-types.ts';
import type { FileNode, Labels, Metadata, ModelVersion, StoreSnapshot, TrashEntry, WatcherStatus } from '../../src-main/shared/model-types.ts';
import type { Result } from '../../src-main/shared/result.ts';
import { defaultFiles, makeVersion, modelYamlText, problemsOf } from './fake-versions.ts';
import { fakeDiskUsage, fakePrunePlan, reportOf } from './fake-housekeeping.ts';
import type { PrunePreview } from '../../src-main/shared/housekeeping-types.ts';

export interface FakeMainOptions {
  readonly versions?: readonly ModelVersion[];
  /** The BentoML home; models live in `<home>/models`. */
  readonly home?: string;
  /** False: the models folder does not exist yet (the window offers to create it). */
  readonly exists?: boolean;
  /** Local bentos that use a version, by model tag (what `model:usage` and the delete check read). */
  readonly bentos?: Readonly<Record<string, readonly string[]>>;
  /** Pushed on `watcher:status` once the window says it is ready. */
  readonly watcher?: WatcherStatus;
  /** Every answer waits this long (the dev preview's feel of a real process); 0 in tests. */
  readonly latencyMs?: number;
  /** A create copies in this many progress steps, `stepMs` apart. */
  readonly copySteps?: number;
  readonly stepMs?: number;
  /** Bytes of a dropped or picked path. */
  readonly sizeOf?: (path: string) => number;
  /** BentoML's generated version id for a create without one. */
  readonly newVersionId?: () => string;
  readonly now?: () => number;
  readonly filesOf?: (v: ModelVersion, yamlText: string) => FileNode[];
}

/** A create that is copying, by the window's task id. */
export interface Staged {
  readonly name: string;
  readonly version: string;
  release?: () => void;
  cancelled: boolean;
}

// Answers are promises, as over IPC.
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const fail = (code: ErrorCode, message: string): Promise<Result<never>> => Promise.resolve({ ok: false, error: { code, message } satisfies ErrorInfo });
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

export class FakeMain {
  versions: ModelVersion[];
  trash: { entry: TrashEntry; v: ModelVersion }[] = [];
  revision = 1;
  exists: boolean;
  readonly home: string;
  readonly modelsDir: string;
  /** Running creates by the window's task id. */
  readonly staged = new Map<TaskId, Staged>();
  /** The next create fails at its commit with this code (after copying). */
  failCommitWith: ErrorCode | null = null;
  /** Answer a create before pushing the snapshot that holds it, as the real rescan can. */
  pushLater = false;
  /** A create pauses after its first progress step until cancelled. */
  holdAdd = false;
  /** Export and import answers wait until the test releases them (`held`, by task id). */
  holdTransfers = false;
  readonly held = new Map<TaskId, () => void>();
  /** Every request the window made, in order. */
  readonly requests: { channel: RequestChannel; arg: unknown }[] = [];
  readonly listeners = new Map<PushChannel, Set<(payload: never) => void>>();
  private readonly options: FakeMainOptions;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly gates = new Map<RequestChannel, { opened: Promise<void>; open: () => void }>();
  private generated = 0;
  /** Clean-up previews by id, until applied. */
  private readonly prunePlans = new Map<string, PrunePreview>();
  private imported = 0;

  constructor(options: FakeMainOptions = {}) {
    this.options = options;
    this.home = options.home ?? '/h';
    this.modelsDir = `${this.home}/models`;
    this.exists = options.exists ?? true;
    this.versions = [...(options.versions ?? [])];
  }

  push<P extends PushChannel>(channel: P, payload: PushMap[P]): void {
    for (const listener of this.listeners.get(channel) ?? []) (listener as (p: PushMap[P]) => void)(payload);
  }

  snapshot(): StoreSnapshot {
    const versions = this.exists ? [...this.versions].sort((a, b) => b.creationTimeMs - a.creationTimeMs) : [];
    return {
      home: this.home,
      modelsDir: this.modelsDir,
      revision: this.revision,
      versions,
      problems: problemsOf(versions),
      trashSize: this.trash.reduce((sum, t) => sum + t.entry.size, 0),
      exists: this.exists,
    };
  }

  /** Another program (or one of our requests) changed the store: push a newer snapshot. */
  changed(): void {
    this.revision += 1;
    this.push('store:changed', this.snapshot());
  }

  usedBy(tag: string): readonly string[] {
    return this.options.bentos?.[tag] ?? [];
  }

  private findVersion(tag: string): ModelVersion | undefined {
    return this.versions.find((v) => v.tag === tag) ?? this.versions.find((v) => v.name === tag.replace(/:latest$/, '') && v.latest);
  }

  /** An edit as the store makes it: only real changes, the old version kept in the trash as an 'edit' entry. */
  private editVersion(tag: string, labels: { set: Labels; unset: readonly string[] }, metadata: { set: Metadata; unset: readonly string[] }): EditResult | ErrorInfo {
    const old = this.findVersion(tag);
    if (!old) return { code: 'NOT_FOUND', message: `There is no model named '${tag}'.` };
    const changes: FieldChange[] = [];
    const next = { labels: { ...old.labels }, metadata: { ...old.metadata } };
    for (const [field, edit] of [['labels', labels], ['metadata', metadata]] as const) {
      const map = next[field] as Record<string, unknown>;
      for (const key of edit.unset) {
        if (!(key in map)) continue;
        changes.push({ field, key, before: map[key] as string });
        delete map[key];
      }
      for (const [key, value] of Object.entries(edit.set)) {
        if (JSON.stringify(map[key]) === JSON.stringify(value)) continue;
        changes.push({ field, key, ...(key in map ? { before: map[key] as string } : {}), after: value });
        map[key] = value;
      }
    }
    if (changes.length === 0) return { code: 'INVALID_ARGUMENT', message: `Nothing to change: '${old.tag}' already is that way.` };
    const id = `e-${old.tag}-${this.trash.length}`;
    this.trash.push({ entry: { id, tag: old.tag, name: old.name, version: old.version, size: 300, deletedAt: new Date(this.now()).toISOString(), kind: 'edit' }, v: old });
    this.versions = this.versions.map((v) => (v.tag === old.tag ? { ...v, ...next } : v));
    return { tag: old.tag, name: old.name, version: old.version, changes, undoId: id, ...next, surgical: true };
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private newVersion(name: string, version: string, size: number, extra: Partial<ModelVersion> = {}): ModelVersion {
    return makeVersion(name, version, this.now(), size, extra, this.modelsDir);
  }

  /** Where the save dialog puts an export: Downloads beside the home. */
  private downloads(): string {
    return `${this.home.replace(/\/[^/]*$/, '')}/Downloads`;
  }

  /** One step of a copy: a pause the test holds, or the preview's pace. */
  private async copyPause(run: Staged, step: number): Promise<void> {
    if (this.holdAdd && step === 1) await new Promise<void>((r) => (run.release = r));
    else if (this.options.stepMs) await wait(this.options.stepMs);
  }

  private holdTransfer(taskId: TaskId): Promise<void> {
    return this.holdTransfers ? new Promise<void>((r) => this.held.set(taskId, r)) : Promise.resolve();
  }

  readonly handlers: ShelfApi['request'] = {
    'app:ready': () => {
      const { watcher } = this.options;
      if (watcher) setTimeout(() => this.push('watcher:status', watcher), this.options.latencyMs ?? 0);
      return ok({ version: '0.1.0', platform: 'linux' });
    },
    'store:snapshot': () => ok(this.snapshot()),
    // The open dialog, cancelled.
    'store:open': () => ok(null),
    'store:create-folder': () => {
      this.exists = true;
      this.revision += 1;
      return ok(this.snapshot());
    },
    // Broken versions are left for a person, as the real repair does.
    'store:repair': () => ok({ problems: this.snapshot().problems, fixed: [] }),
    'model:get': (arg) => {
      const v = this.versions.find((x) => x.tag === arg.tag);
      if (!v) return fail('NOT_FOUND', `Model '${arg.tag}' was not found.`);
      const yamlText = modelYamlText(v);
      return ok({ version: v, yamlText, usedBy: this.usedBy(v.tag), files: (this.options.filesOf ?? defaultFiles)(v, yamlText) });
    },
    'model:reveal': (arg) => (this.versions.some((v) => v.tag === arg.tag) ? ok(undefined) : fail('NOT_FOUND', `Model '${arg.tag}' was not found.`)),
    'model:usage': (arg) => ok(Object.fromEntries(arg.tags.map((t) => [t, this.usedBy(t)]))),
    'paths:inspect': (arg) =>
      ok(
        arg.paths.map((p): InspectedItem => {
          const name = baseName(p);
          return { path: p, name, kind: name.includes('.') ? 'file' : 'directory', size: this.sizeOf(p), hasModelYaml: false, isArchive: name.endsWith('.bentomodel') };
        }),
      ),
    'models:create': async (arg) => {
      const run: Staged = { name: arg.name, version: arg.version ?? this.generatedId(), cancelled: false };
      const total = arg.paths.reduce((sum, p) => sum + this.sizeOf(p), 0);
      const steps = Math.max(1, this.options.copySteps ?? 2);
      this.staged.set(arg.taskId, run);
      try {
        for (let step = 1; step <= steps; step += 1) {
          if (run.cancelled) break;
          this.push('task:progress', { taskId: arg.taskId, phase: 'copying', bytesDone: Math.round((total * step) / steps), bytesTotal: total, current: baseName(arg.paths[0] ?? '') });
          await this.copyPause(run, step);
        }
      } finally {
        this.staged.delete(arg.taskId);
      }
      if (run.cancelled) return fail('ABORTED', 'Cancelled; nothing was written.');
      const tag = `${run.name}:${run.version}`;
      if (this.failCommitWith) return fail(this.failCommitWith, `Model '${tag}' already exists.`);
      if (this.versions.some((v) => v.tag === tag)) return fail('ALREADY_EXISTS', `Model '${tag}' already exists in ${this.modelsDir}. Choose another version, or delete the existing one first.`);
      const made = this.newVersion(run.name, run.version, total, {
        labels: arg.labels,
        metadata: arg.metadata,
        module: arg.module ?? '',
        apiVersion: arg.apiVersion ?? 'v1',
        latest: true,
      });
      this.versions = [...this.versions.map((v) => (v.name === run.name ? { ...v, latest: false } : v)), made];
      if (!this.pushLater) this.changed();
      return ok(made);
    },
    'models:delete': (arg) => {
      const used = arg.tags.filter((t) => this.usedBy(t).length > 0);
      if (used.length && !arg.force) return fail('IN_USE', `Model ${used.join(', ')} is used by local bentos and was not deleted. Delete those bentos first, or delete anyway with --force.`);
      const gone = this.versions.filter((v) => arg.tags.includes(v.tag));
      this.versions = this.versions.filter((v) => !arg.tags.includes(v.tag));
      const deletedAt = new Date(this.now()).toISOString();
      const entries = gone.map((v): TrashEntry => ({ id: `t-${v.tag}`, tag: v.tag, name: v.name, version: v.version, size: v.size, deletedAt }));
      this.trash.push(...entries.map((entry, i) => ({ entry, v: gone[i]! })));
      this.changed();
      return ok(entries);
    },
    'trash:list': () => ok(this.trash.map((t) => t.entry)),
    'trash:restore': (arg) => {
      const back = this.trash.filter((t) => arg.ids.includes(t.entry.id));
      this.trash = this.trash.filter((t) => !arg.ids.includes(t.entry.id));
      // An edit's entry holds the version as it was: it replaces the edited one.
      this.versions = [...this.versions.filter((v) => !back.some((t) => t.v.tag === v.tag)), ...back.map((t) => t.v)];
      this.changed();
      return ok(back.map((t) => t.v));
    },
    'trash:empty': () => {
      const freed = this.trash.reduce((sum, t) => sum + t.entry.size, 0);
      this.trash = [];
      this.changed();
      return ok({ freed });
    },
    'models:export': async (arg) => {
      await this.holdTransfer(arg.taskId);
      return ok({ path: `${this.downloads()}/${arg.tag.replace(':', '-')}.bentomodel` });
    },
    // Without paths main shows an open dialog: here the user cancels it. A fake archive holds a
    // model named after the file, with version imp1, imp2, ...
    'models:import': async (arg) => {
      await this.holdTransfer(arg.taskId);
      if (!arg.paths?.length) return ok([]);
      const name = baseName(arg.paths[0]!).replace(/\..*$/, '');
      const version = `imp${++this.imported}`;
      if (this.versions.some((v) => v.tag === `${name}:${version}`)) return fail('ALREADY_EXISTS', `Model '${name}:${version}' already exists in ${this.modelsDir}; delete it first or keep the one you have.`);
      const v = this.newVersion(name, version, 10, { module: '' });
      this.versions.push(v);
      this.changed();
      return ok([v]);
    },
    'task:cancel': (arg) => {
      const run = this.staged.get(arg.taskId);
      if (run) {
        run.cancelled = true;
        run.release?.();
      }
      return ok(undefined);
    },
    'model:edit': (arg) => {
      const result = this.editVersion(arg.tag, arg.labels ?? { set: {}, unset: [] }, arg.metadata ?? { set: {}, unset: [] });
      if ('code' in result) return fail(result.code, result.message);
      this.changed();
      return ok(result);
    },
    'model:promote': (arg) => {
      const target = this.findVersion(arg.tag);
      if (!target) return fail('NOT_FOUND', `There is no model named '${arg.tag}'.`);
      const edits: EditResult[] = [];
      const first = this.editVersion(target.tag, { set: arg.labels, unset: [] }, { set: {}, unset: [] });
      if (!('code' in first)) edits.push(first);
      for (const other of this.versions.filter((v) => v.name === target.name && v.tag !== target.tag)) {
        const unset = Object.entries(arg.labels).filter(([k, val]) => other.labels[k] === val).map(([k]) => k);
        const done = unset.length > 0 ? this.editVersion(other.tag, { set: {}, unset }, { set: {}, unset: [] }) : null;
        if (done && !('code' in done)) edits.push(done);
      }
      if (edits.length === 0) return fail('INVALID_ARGUMENT', `Nothing to change: '${target.tag}' already has those labels and no other version does.`);
      this.changed();
      return ok({ tag: target.tag, edits });
    },
    'model:undo-edit': (arg) => this.handlers['trash:restore'](arg),
    // Bulk actions: the export folder is the fake's downloads; relabel edits each version in turn.
    'models:export-many': async (arg) => {
      await this.holdTransfer(arg.taskId);
      const folder = this.downloads();
      return ok({ folder, written: arg.tags.map((tag) => ({ tag, path: `${folder}/${tag.replace(':', '-')}.bentomodel` })), taken: [], failed: [], cancelled: false });
    },
    'models:relabel': (arg) => {
      const edited: EditResult[] = [];
      const failed: { tag: string; error: ErrorInfo }[] = [];
      for (const tag of arg.tags) {
        const result = this.editVersion(tag, arg.labels, { set: {}, unset: [] });
        if ('code' in result) failed.push({ tag, error: result });
        else edited.push(result);
      }
      if (edited.length > 0) this.changed();
      return ok({ edited, unchanged: [], failed });
    },
    'store:usage': (arg) => ok(fakeDiskUsage(this.versions, this.snapshot().trashSize, arg.name)),
    'models:prune-plan': (rules) => {
      const plan = fakePrunePlan(this.versions, rules, (t) => this.usedBy(t), this.now(), `plan-${++this.generated}`);
      this.prunePlans.set(plan.planId, plan);
      return ok(plan);
    },
    'models:prune': (arg) => {
      const plan = this.prunePlans.get(arg.planId);
      if (!plan) return fail('NOT_FOUND', 'That clean-up preview is no longer available; preview again, then confirm.');
      this.prunePlans.delete(arg.planId);
      const gone = new Set(plan.remove.map((r) => r.tag));
      const deletedAt = new Date(this.now()).toISOString();
      if (plan.trash) for (const v of this.versions.filter((x) => gone.has(x.tag))) this.trash.push({ entry: { id: `t-${v.tag}`, tag: v.tag, name: v.name, version: v.version, size: v.size, deletedAt }, v });
      this.versions = this.versions.filter((v) => !gone.has(v.tag));
      this.changed();
      return ok(reportOf(plan));
    },
    // The window's per-problem fixes: the fake sees every version without model.yaml as being written.
    'version:writer': ({ tags }) => ok(tags.map((tag) => ({ tag, state: 'writing' as const, lastChangeMs: this.now(), quietMs: 0, liveOwner: null }))),
    'store:fix': () => ok({ done: 'Nothing to fix in the fake store.' }),
    'store:reveal': () => ok(undefined),
    'models:verify': (arg) => ok(this.versions.filter((v) => arg.tags.length === 0 || arg.tags.includes(v.tag)).map((v) => ({ tag: v.tag, state: 'intact' as const, changed: [], missing: [], appeared: [], recordedAt: v.creationTime, atSave: true, recordedBy: 'create' as const, files: 1, bytes: v.size }))),
    'model:integrity': (arg) => ok({ tag: arg.tag, manifest: null }),
    'model:manifest': (arg) => ok({ tag: arg.tag, manifest: null }),
    'models:dedup-plan': () => ok({ planId: `dedup-${++this.generated}`, groups: [], files: 0, frees: 0, scannedFiles: this.versions.length, hashedFiles: 0, hashedBytes: 0 }),
    'models:dedup': () => ok({ replaced: [], skipped: [], freed: 0 }),
    // Remote shelves: the fake has none (the window's remote UI is tested against the real service).
    'remotes:list': () => ok([]),
    'remotes:add': (arg) => ok({ name: arg.name, url: arg.url, endpoint: arg.endpoint ?? null, region: arg.region ?? null, profile: arg.profile ?? null, allowHttp: arg.allowHttp === true }),
    'remotes:remove': () => ok(undefined),
    'remote:browse': () => ok([]),
    'remote:push': () => ok([]),
    'remote:pull': () => ok([]),
    // Files: the fake has no files on disk (the preview is tested against the real service).
    'version:file': (arg) => ok({ kind: 'text' as const, path: arg.path, size: 0, text: '', truncated: false, bytesRead: 0 }),
  };

  private sizeOf(path: string): number {
    return this.options.sizeOf?.(path) ?? 100;
  }

  private generatedId(): string {
    return this.options.newVersionId?.() ?? `gen${++this.generated}`;
  }

  handle(channel: RequestChannel, arg: unknown): Promise<Result<unknown>> {
    this.requests.push({ channel, arg });
    const answer = (async () => {
      if (this.options.latencyMs) await wait(this.options.latencyMs);
      await this.gates.get(channel)?.opened;
      return (this.handlers[channel] as (a: unknown) => Promise<Result<unknown>>)(arg);
    })();
    this.inFlight.add(answer);
    void answer.finally(() => this.inFlight.delete(answer));
    return answer;
  }

  /** Requests on `channel` wait, unanswered, until `release(channel)`: a main that is slow for as long as a test needs. */
  hold(channel: RequestChannel): void {
    if (this.gates.has(channel)) return;
    let open = (): void => undefined;
    const opened = new Promise<void>((r) => (open = r));
    this.gates.set(channel, { opened, open });
  }

  release(channel: RequestChannel): void {
    this.gates.get(channel)?.open();
    this.gates.delete(channel);
  }

  /**
   * Ends everything the window started: running creates are cancelled, held exports and imports
   * released, and every answer (and each request its arrival sends) is waited for, so that no
   * test's work lands in the next one.
   */
  async settle(): Promise<void> {
    for (;;) {
      for (const taskId of this.staged.keys()) void this.handlers['task:cancel']({ taskId });
      for (const release of this.held.values()) release();
      for (const channel of [...this.gates.keys()]) this.release(channel);
      this.holdAdd = false;
      this.holdTransfers = false;
      if (this.inFlight.size === 0) return;
      await Promise.allSettled([...this.inFlight]);
      // The window reads each answer in a later task, and may ask again from there.
      await wait(0);
    }
  }

  /** `window.api` as the preload builds it, bound to this fake. */
  api(): ShelfApi {
    const request = perChannel(REQUEST_CHANNELS, (channel) => (arg: unknown) => this.handle(channel, arg) as Promise<Result<never>>) satisfies ShelfApi['request'];
    const subscribe = perChannel(PUSH_CHANNELS, (channel) => (listener: (payload: never) => void) => {
      const set = this.listeners.get(channel) ?? new Set();
      set.add(listener);
      this.listeners.set(channel, set);
      return () => void set.delete(listener);
    }) satisfies ShelfApi['subscribe'];
    return { request, subscribe, pathForFile: (file: File) => `${this.downloads()}/${file.name}` };
  }
}
