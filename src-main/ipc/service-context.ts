// What every handler area gets: the current store, refresh hooks and the ports.
import type { RequestChannel, RequestValue } from '../shared/ipc-contract.ts';
import type { StoreSnapshot } from '../shared/model-types.ts';
import type { ModelStore } from '../store/index.ts';
import type { Logger } from './error-mapping.ts';
import type { DialogPort, SettingsPort, ShellPort } from './ports.ts';
import type { PushSink } from './push-queue.ts';
import type { HandlerArg } from './schemas.ts';
import type { TaskRegistry } from './task-registry.ts';

export interface ServiceContext {
  readonly home: () => string;
  /** The store when models/ exists (never creates it), else null. */
  readonly existingStore: () => Promise<ModelStore | null>;
  /** The store, creating models/ if needed (creates, imports, "Create folder"). */
  readonly openStore: () => Promise<ModelStore>;
  /** Rescans (names, or everything) and pushes a snapshot if anything changed. */
  readonly refresh: (names: Iterable<string> | 'all') => Promise<void>;
  readonly refreshTrash: () => Promise<void>;
  readonly switchHome: (home: string) => Promise<void>;
  readonly snapshot: () => StoreSnapshot;
  readonly markReady: () => void;
  readonly push: PushSink;
  /** Creates, exports and imports under the window's task ids (cancelled and awaited on close). */
  readonly tasks: TaskRegistry;
  readonly dialogs: DialogPort;
  readonly shell: ShellPort;
  readonly settings: SettingsPort | undefined;
  readonly appVersion: string;
  readonly platform: string;
  readonly log: Logger;
}

/** A handler gets its argument already validated (schemas.ts), typed as the contract says. */
export type HandlerImpl<C extends RequestChannel> = (arg: HandlerArg<C>) => Promise<RequestValue<C>>;
export type HandlerImpls<K extends RequestChannel> = { readonly [C in K]: HandlerImpl<C> };
