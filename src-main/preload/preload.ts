// The whole bridge between the sandboxed renderer and main (design §6): one named method per
// request channel, one subscription per push channel, the drop-path lookup. Never ipcRenderer
// itself, never the IPC event object (it carries `sender`). Imports only electron + shared.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { PUSH_CHANNELS, REQUEST_CHANNELS, type PushChannel, type RequestChannel, type ShelfApi } from '../shared/ipc-contract.ts';

function requestMethod(channel: RequestChannel) {
  return (arg: unknown) => ipcRenderer.invoke(channel, arg);
}

function subscribeMethod(channel: PushChannel) {
  return (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError(`subscribe['${channel}'] needs a function`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
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

function buildApi(): ShelfApi {
  const request = Object.fromEntries(REQUEST_CHANNELS.map((channel) => [channel, requestMethod(channel)]));
  const subscribe = Object.fromEntries(PUSH_CHANNELS.map((channel) => [channel, subscribeMethod(channel)]));
  return Object.freeze({
    request: Object.freeze(request),
    subscribe: Object.freeze(subscribe),
    pathForFile,
  }) as unknown as ShelfApi;
}

contextBridge.exposeInMainWorld('api', buildApi());
