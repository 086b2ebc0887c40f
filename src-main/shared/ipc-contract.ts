// The one contract between main, preload, renderer and the test harness.
// Main's handler table, the preload's `window.api`, and the e2e shim all derive their types from it.
import type { Result } from './result.ts';
import type { EditResult, PromoteResult } from './edit-types.ts';
import type { IntegrityRequestMap } from './ipc-contract-integrity.ts';
import type { RemoteRequestMap } from './ipc-contract-remote.ts';
import type { BulkRequestMap } from './ipc-contract-bulk.ts';
import type { FilesRequestMap } from './ipc-contract-files.ts';
import type { FixAction, FixResult, WriterState } from './fix-types.ts';
import type { DiskUsage, PrunePreview, PruneReport, PruneRules } from './housekeeping-types.ts';
import type {
  Labels,
  Metadata,
  ModelDetail,
  ModelVersion,
  ProgressEvent,
  RepairReport,
  StoreSnapshot,
  TrashEntry,
  WatcherStatus,
} from './model-types.ts';

/** A path the user dropped or picked, as main re-checked it. */
export interface InspectedItem {
  readonly path: string;
  readonly name: string;
  readonly kind: 'file' | 'directory';
  /** Bytes (recursive for directories, BentoML's size rule). */
  readonly size: number;
  /** A directory whose root holds a model.yaml: offer it as an import. */
  readonly hasModelYaml: boolean;
  /** A single file that is an archive Model Shelf can import (.bentomodel, .tar.gz, ...). */
  readonly isArchive: boolean;
}

/** What a new model is made of, as the create sheet fills it in. */
export interface NewModelFields {
  readonly name: string;
  /** Omitted for an automatic BentoML version id. */
  readonly version?: string;
  readonly labels: Labels;
  readonly metadata: Metadata;
  readonly module?: string;
  readonly apiVersion?: string;
}

/**
 * Long work (create, import, export; later push, pull, prune, dedup, verify) is one request that
 * carries an id the window chose (design §3): its `task:progress` pushes carry the same id and
 * `task:cancel` names it, so the window never has to guess which progress belongs to which task.
 */
export type TaskId = string;

export interface TaskArgs {
  readonly taskId: TaskId;
}

/** One create: stage, copy the dropped paths (progress), commit. Cancel writes nothing. */
export interface CreateModelArgs extends TaskArgs, NewModelFields {
  readonly paths: readonly string[];
  /** A single dropped folder: its contents become the model's root. */
  readonly root: boolean;
  /** Store files identical to stored ones as links to them (create --dedup). */
  readonly dedup?: boolean;
}

/** A `task:progress` push: the store's progress event, keyed by the window's task id. */
export interface TaskProgress extends Omit<ProgressEvent, 'id'> {
  readonly taskId: TaskId;
}

export type MenuCommand =
  | 'new-model'
  | 'import'
  | 'export'
  | 'delete'
  | 'reveal'
  | 'reload'
  | 'open-store'
  | 'find';

/** Request channels: name -> [argument, result value]. Every handler answers `Result<value>`. */
export interface RequestMap extends IntegrityRequestMap, RemoteRequestMap, FilesRequestMap, BulkRequestMap {
  'app:ready': [void, { readonly version: string; readonly platform: string }];
  'store:snapshot': [void, StoreSnapshot];
  'store:open': [void, StoreSnapshot | null];
  'store:create-folder': [void, StoreSnapshot];
  'store:repair': [{ readonly dryRun: boolean }, RepairReport];
  'model:get': [{ readonly tag: string }, ModelDetail];
  'model:reveal': [{ readonly tag: string }, void];
  'model:usage': [{ readonly tags: readonly string[] }, Readonly<Record<string, readonly string[]>>];
  'paths:inspect': [{ readonly paths: readonly string[] }, readonly InspectedItem[]];
  /** Creates a model from dropped paths in one request; progress and cancel by `taskId`. */
  'models:create': [CreateModelArgs, ModelVersion];
  'models:delete': [{ readonly tags: readonly string[]; readonly force: boolean }, readonly TrashEntry[]];
  'trash:list': [void, readonly TrashEntry[]];
  'trash:restore': [{ readonly ids: readonly string[] }, readonly ModelVersion[]];
  'trash:empty': [void, { readonly freed: number }];
  /** Opens a save dialog in main; null when the user cancelled it. */
  'models:export': [TaskArgs & { readonly tag: string }, { readonly path: string } | null];
  /** With paths: import those files; without: an open dialog in main. Empty when cancelled. */
  'models:import': [TaskArgs & { readonly paths?: readonly string[]; readonly dedup?: boolean }, readonly ModelVersion[]];
  /** Cancels a running create, export or import by the id the window gave it (a finished one: no-op). */
  'task:cancel': [TaskArgs, void];
  /** Sets/removes labels and metadata of a saved version (one atomic model.yaml replace; undo by `undoId`). */
  'model:edit': [ModelEditArgs, EditResult];
  /** Moves label values onto `tag` and off the other versions of its name that carry them. */
  'model:promote': [{ readonly tag: string; readonly labels: Labels }, PromoteResult];
  /** Puts back the model.yaml from before edits, by their trash ids; refused when a file changed since. */
  'model:undo-edit': [{ readonly ids: readonly string[] }, readonly ModelVersion[]];
  /** For versions without model.yaml: being written now, or left by an interrupted save. */
  'version:writer': [{ readonly tags: readonly string[] }, readonly WriterState[]];
  /** One problem's fix, confirmed by the person: move its folder out of models/, or fix latest. */
  'store:fix': [{ readonly path: string; readonly action: FixAction }, FixResult];
  /** Shows a folder inside the store (a problem's path, a moved-aside folder), or an exported archive file, in the file manager. */
  'store:reveal': [{ readonly path: string }, void];
  /** Where the disk space goes (`du`): the whole store, or one model by name. */
  'store:usage': [{ readonly name?: string }, DiskUsage];
  /** A clean-up preview: what the rules remove (in order, with what each frees) and why the rest stays. */
  'models:prune-plan': [PruneRules, PrunePreview];
  /** Removes exactly a previewed plan, each version re-checked; one changed since is left and reported. */
  'models:prune': [{ readonly planId: string }, PruneReport];
}

/** One edit of a saved version from the Labels & metadata tab: keys to set (with their values) and keys to remove. */
export interface ModelEditArgs {
  readonly tag: string;
  readonly labels?: { readonly set: Labels; readonly unset: readonly string[] };
  readonly metadata?: { readonly set: Metadata; readonly unset: readonly string[] };
}

export type RequestChannel = keyof RequestMap;
export type RequestArg<C extends RequestChannel> = RequestMap[C][0];
export type RequestValue<C extends RequestChannel> = RequestMap[C][1];

/** Push channels: main -> renderer. */
export interface PushMap {
  'store:changed': StoreSnapshot;
  'task:progress': TaskProgress;
  'watcher:status': WatcherStatus;
  'menu:command': MenuCommand;
}

export type PushChannel = keyof PushMap;

// The runtime lists, each channel once. They are objects so that `satisfies` makes a channel
// missing from, or unknown to, the maps above a compile error; everything else (the preload, the
// handler table, ipcMain registration, tests) derives from these lists.
const requestChannelSet = {
  'app:ready': true,
  'store:snapshot': true,
  'store:open': true,
  'store:create-folder': true,
  'store:repair': true,
  'model:get': true,
  'model:reveal': true,
  'model:usage': true,
  'paths:inspect': true,
  'models:create': true,
  'models:delete': true,
  'trash:list': true,
  'trash:restore': true,
  'trash:empty': true,
  'models:export': true,
  'models:import': true,
  'task:cancel': true,
  'model:edit': true,
  'model:promote': true,
  'model:undo-edit': true,
  'version:writer': true,
  'store:fix': true,
  'store:reveal': true,
  'store:usage': true,
  'models:prune-plan': true,
  'models:prune': true,
  'models:verify': true,
  'model:integrity': true,
  'model:manifest': true,
  'models:dedup-plan': true,
  'models:dedup': true,
  'remotes:list': true,
  'remotes:add': true,
  'remotes:remove': true,
  'remote:browse': true,
  'remote:push': true,
  'remote:pull': true,
  'version:file': true,
  'models:export-many': true,
  'models:relabel': true,
} as const satisfies { readonly [C in RequestChannel]: true };

const pushChannelSet = {
  'store:changed': true,
  'task:progress': true,
  'watcher:status': true,
  'menu:command': true,
} as const satisfies { readonly [P in PushChannel]: true };

// The casts are exact: the `satisfies` above proves the key sets equal the channel unions.
export const REQUEST_CHANNELS = Object.freeze(Object.keys(requestChannelSet)) as readonly RequestChannel[];
export const PUSH_CHANNELS = Object.freeze(Object.keys(pushChannelSet)) as readonly PushChannel[];

/** One value per channel of a checked list: the preload and the handler table build their maps with it. */
export function perChannel<K extends string, V>(channels: readonly K[], make: (channel: K) => V): { readonly [C in K]: V } {
  return Object.fromEntries(channels.map((channel) => [channel, make(channel)])) as { readonly [C in K]: V };
}

/**
 * What the preload exposes as `window.api`: one named method per request channel
 * (`api.request['model:get']({ tag })`), one subscription per push channel, and the
 * drag-and-drop path lookup. Never `ipcRenderer` itself (design §6).
 */
export type ShelfApi = {
  readonly request: {
    readonly [C in RequestChannel]: (arg: RequestArg<C>) => Promise<Result<RequestValue<C>>>;
  };
  readonly subscribe: {
    readonly [P in PushChannel]: (listener: (payload: PushMap[P]) => void) => () => void;
  };
  /** `webUtils.getPathForFile` for a dropped File ('' when it has no path). */
  readonly pathForFile: (file: File) => string;
};
