// The one contract between main, preload, renderer and the test harness.
// Main's handler table, the preload's `window.api`, and the e2e shim all derive their types from it.
import type { Result } from './result.ts';
import type {
  Labels,
  Metadata,
  ModelDetail,
  ModelVersion,
  ProgressEvent,
  RepairReport,
  StoreSnapshot,
  TrashEntry,
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

export interface CreateBeginArgs {
  readonly name: string;
  /** Omitted for an automatic BentoML version id. */
  readonly version?: string;
  readonly labels: Labels;
  readonly metadata: Metadata;
  readonly module?: string;
  readonly apiVersion?: string;
}

export interface WatcherStatus {
  readonly state: 'starting' | 'watching' | 'polling' | 'missing' | 'error' | 'stopped';
  readonly path: string;
  /** A sentence for the status bar when something is wrong. */
  readonly message?: string;
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
export interface RequestMap {
  'app:ready': [void, { readonly version: string; readonly platform: string }];
  'store:snapshot': [void, StoreSnapshot];
  'store:open': [void, StoreSnapshot | null];
  'store:create-folder': [void, StoreSnapshot];
  'store:repair': [{ readonly dryRun: boolean }, RepairReport];
  'model:get': [{ readonly tag: string }, ModelDetail];
  'model:reveal': [{ readonly tag: string }, void];
  'model:usage': [{ readonly tags: readonly string[] }, Readonly<Record<string, readonly string[]>>];
  'paths:inspect': [{ readonly paths: readonly string[] }, readonly InspectedItem[]];
  'create:begin': [CreateBeginArgs, { readonly sessionId: string; readonly tag: string }];
  'create:add': [
    { readonly sessionId: string; readonly paths: readonly string[]; readonly root: boolean },
    { readonly bytes: number },
  ];
  'create:commit': [{ readonly sessionId: string }, ModelVersion];
  'create:abort': [{ readonly sessionId: string }, void];
  'models:delete': [{ readonly tags: readonly string[]; readonly force: boolean }, readonly TrashEntry[]];
  'trash:list': [void, readonly TrashEntry[]];
  'trash:restore': [{ readonly ids: readonly string[] }, readonly ModelVersion[]];
  'trash:empty': [void, { readonly freed: number }];
  /** Opens a save dialog in main; null when the user cancelled it. */
  'models:export': [{ readonly tag: string }, { readonly path: string } | null];
  /** With paths: import those files; without: an open dialog in main. Empty when cancelled. */
  'models:import': [{ readonly paths?: readonly string[] }, readonly ModelVersion[]];
  /** Cancels a running add, export or import by its progress id. */
  'task:cancel': [{ readonly id: string }, void];
}

export type RequestChannel = keyof RequestMap;
export type RequestArg<C extends RequestChannel> = RequestMap[C][0];
export type RequestValue<C extends RequestChannel> = RequestMap[C][1];

/** Push channels: main -> renderer. */
export interface PushMap {
  'store:changed': StoreSnapshot;
  'task:progress': ProgressEvent;
  'watcher:status': WatcherStatus;
  'menu:command': MenuCommand;
}

export type PushChannel = keyof PushMap;

export const REQUEST_CHANNELS = [
  'app:ready',
  'store:snapshot',
  'store:open',
  'store:create-folder',
  'store:repair',
  'model:get',
  'model:reveal',
  'model:usage',
  'paths:inspect',
  'create:begin',
  'create:add',
  'create:commit',
  'create:abort',
  'models:delete',
  'trash:list',
  'trash:restore',
  'trash:empty',
  'models:export',
  'models:import',
  'task:cancel',
] as const satisfies readonly RequestChannel[];

export const PUSH_CHANNELS = ['store:changed', 'task:progress', 'watcher:status', 'menu:command'] as const satisfies readonly PushChannel[];

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
