// A real ShelfService on a temporary home, with fake dialogs/shell/settings and a recording push sink.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { createShelfService, type AppSettings, type ShelfService } from '../../src-main/service/index.ts';
import type { PushChannel, PushMap, RequestArg, RequestChannel, RequestValue } from '../../src-main/shared/ipc-contract.ts';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { eventually } from './watcher-helpers.ts';

export interface Harness {
  readonly root: string;
  readonly home: string;
  readonly models: string;
  readonly service: ShelfService;
  readonly pushes: { channel: PushChannel; payload: unknown }[];
  /** Runs inside the service's push, before it returns (to act at an exact point of a task). */
  onPush: (<P extends PushChannel>(channel: P, payload: PushMap[P]) => void) | null;
  readonly revealed: string[];
  readonly settings: AppSettings[];
  readonly dialog: { storeFolder: string | null; importFiles: string[]; exportPath: string | null };
  snapshots(): StoreSnapshot[];
  latestSnapshot(): StoreSnapshot | undefined;
  waitForSnapshot(pick: (s: StoreSnapshot) => boolean, what: string): Promise<StoreSnapshot>;
  call<C extends RequestChannel>(channel: C, arg?: RequestArg<C>): Promise<RequestValue<C>>;
  dispose(): Promise<void>;
}

export async function startHarness(opts: { createModels?: boolean; home?: string } = {}): Promise<Harness> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-service-'));
  const home = opts.home ?? path.join(root, 'bentoml');
  const models = path.join(home, 'models');
  if (opts.createModels !== false) await fsp.mkdir(models, { recursive: true });
  const pushes: Harness['pushes'] = [];
  const revealed: string[] = [];
  const settings: AppSettings[] = [];
  const dialog: Harness['dialog'] = { storeFolder: null, importFiles: [], exportPath: null };
  const hooks: Pick<Harness, 'onPush'> = { onPush: null };
  const service = await createShelfService({
    home,
    dialogs: {
      pickStoreFolder: () => Promise.resolve(dialog.storeFolder),
      pickImportFiles: () => Promise.resolve(dialog.importFiles),
      pickExportPath: () => Promise.resolve(dialog.exportPath),
    },
    shell: { reveal: (p) => void revealed.push(p) },
    settings: { get: () => Promise.resolve({}), set: (patch) => Promise.resolve(void settings.push(patch)) },
    push: <P extends PushChannel>(channel: P, payload: PushMap[P]) => {
      pushes.push({ channel, payload });
      hooks.onPush?.(channel, payload);
    },
    appVersion: '0.1.0-test',
    polling: false,
  });
  await service.watching;
  let disposing: Promise<void> | undefined;
  const snapshots = () => pushes.filter((p) => p.channel === 'store:changed').map((p) => p.payload as StoreSnapshot);
  const harness: Harness = {
    root,
    home,
    models,
    service,
    pushes,
    get onPush() {
      return hooks.onPush;
    },
    set onPush(fn) {
      hooks.onPush = fn;
    },
    revealed,
    settings,
    dialog,
    snapshots,
    latestSnapshot: () => snapshots().at(-1),
    waitForSnapshot: (pick, what) => eventually(() => snapshots().find(pick), what),
    async call(channel, arg) {
      const result = await service.handlers[channel](arg);
      if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), { info: result.error });
      return result.value;
    },
    // Once only: a test may close the service itself (to prove it closes) before the clean-up does.
    dispose() {
      return (disposing ??= (async () => {
        await service.close();
        await fsp.rm(root, { recursive: true, force: true });
      })());
    },
  };
  return harness;
}

export interface ReadyOptions {
  createModels?: boolean;
  home?: string;
  /** Runs after the service starts and before `app:ready` (to seed what the first snapshot shows). */
  beforeReady?: (h: Harness) => Promise<void>;
}

/**
 * A service as the window finds it: started, `app:ready` sent, and disposed (with its temporary
 * folder) when the current test finishes. Call it inside a test.
 */
export async function readyHarness(opts: ReadyOptions = {}): Promise<Harness> {
  const h = await startHarness(opts);
  onTestFinished(() => h.dispose());
  await opts.beforeReady?.(h);
  await h.call('app:ready');
  return h;
}
