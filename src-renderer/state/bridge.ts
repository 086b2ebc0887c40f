// The only module that touches `window.api` (design §5): everything else calls these.
import type {
  PushChannel,
  PushMap,
  RequestArg,
  RequestChannel,
  RequestValue,
  ShelfApi,
} from '../../src-main/shared/ipc-contract.ts';
import type { Result } from '../../src-main/shared/result.ts';

let injected: ShelfApi | null = null;

/** Tests (and the dev preview) hand in their own api; production uses the preload's. */
export function setApi(api: ShelfApi | null): void {
  injected = api;
}

function api(): ShelfApi | null {
  return injected ?? (globalThis as { api?: ShelfApi }).api ?? null;
}

export function hasApi(): boolean {
  return api() !== null;
}

export async function call<C extends RequestChannel>(channel: C, arg: RequestArg<C>): Promise<Result<RequestValue<C>>> {
  const current = api();
  if (!current) {
    return { ok: false, error: { code: 'INTERNAL', message: 'Model Shelf cannot reach its main process. Restart the app.' } };
  }
  const handler = current.request[channel] as (a: RequestArg<C>) => Promise<Result<RequestValue<C>>>;
  try {
    return await handler(arg);
  } catch {
    // A rejected invoke means the IPC itself failed (main crashed, channel missing), not the operation.
    return { ok: false, error: { code: 'INTERNAL', message: 'Model Shelf lost contact with its main process. Restart the app.' } };
  }
}

export function subscribe<P extends PushChannel>(channel: P, listener: (payload: PushMap[P]) => void): () => void {
  const current = api();
  if (!current) return () => undefined;
  const sub = current.subscribe[channel] as (l: (payload: PushMap[P]) => void) => () => void;
  return sub(listener);
}

/** The real path of a dropped or picked File ('' when it has none). */
export function pathForFile(file: File): string {
  const current = api();
  if (!current) return '';
  try {
    return current.pathForFile(file);
  } catch {
    return '';
  }
}
