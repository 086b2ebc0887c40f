// The whole bridge between the sandboxed renderer and main (design §6): one named method per
// request channel, one subscription per push channel, the drop-path lookup. Never ipcRenderer
// itself, never the IPC event object (it carries `sender`). Imports only electron + shared.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Result } from '../shared/result.ts';
import { perChannel, PUSH_CHANNELS, REQUEST_CHANNELS, type PushChannel, type RequestChannel, type ShelfApi } from '../shared/ipc-contract.ts';

// Main validates every argument (src-main/ipc/schemas.ts). IPC erases the answer's type: main's
// handler table answers Result<RequestValue<C>> on channel C, a Result of some value to us here.
function requestMethod(channel: RequestChannel) {
  return (arg: unknown) => ipcRenderer.invoke(channel, arg) as Promise<Result<never>>;
}

function subscribeMethod(channel: PushChannel) {
  // `never`: a listener of any one channel's payload fits; what arrives is that channel's payload.
  return (listener: (payload: never) => void) => {
    if (typeof listener !== 'function') throw new TypeError(`subscribe['${channel}'] needs a function`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
}

function pathForFile(file: File): string {
  try {
    return webUtils.getPathForFile(file);
  } catch {
    return '';
  }
}

// A channel of the contract without a method here (or a method for no channel) does not compile.
const api = {
  request: Object.freeze(perChannel(REQUEST_CHANNELS, requestMethod) satisfies ShelfApi['request']),
  subscribe: Object.freeze(perChannel(PUSH_CHANNELS, subscribeMethod) satisfies ShelfApi['subscribe']),
  pathForFile,
} satisfies ShelfApi;

contextBridge.exposeInMainWorld('api', Object.freeze(api));
