// Stands in for the `electron` module inside the page (design §7). The real preload
// (src-main/preload/preload.ts) is bundled with `electron` aliased to this file, so the page gets
// exactly the `window.api` the app's preload builds; only the process boundary is replaced:
// - `ipcRenderer.invoke` calls the real handler table in Node through a Playwright binding;
// - pushes from the real service (watcher snapshots, progress) arrive through `__shelfDeliver`;
// - `webUtils.getPathForFile` answers with the real path the drop helper registered for a File.
// Runs in the browser: no Node imports here.

import { decodeWire } from './wire.ts';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

interface HarnessGlobals {
  /** The Playwright binding: answers with the Result encoded by wire.ts. */
  __shelfInvoke?: (channel: string, arg: unknown) => Promise<string>;
  __shelfDeliver?: (channel: string, payload: unknown) => number;
  __shelfDeliverWire?: (channel: string, payload: string) => number;
  __shelfFilePaths?: WeakMap<File, string>;
  __shelfFilePathsByKey?: Map<string, string>;
}

const harness = globalThis as unknown as HarnessGlobals & Record<string, unknown>;
const listeners = new Map<string, IpcListener[]>();

function listenersOf(channel: string): IpcListener[] {
  let list = listeners.get(channel);
  if (!list) {
    list = [];
    listeners.set(channel, list);
  }
  return list;
}

export const ipcRenderer = {
  invoke(channel: string, arg?: unknown): Promise<unknown> {
    const invoke = harness.__shelfInvoke;
    if (!invoke) return Promise.reject(new Error(`Error invoking remote method '${channel}': no handler registered`));
    return invoke(channel, arg).then((text) => {
      const result = decodeWire(text);
      // Benchmarks read these marks: when main's answer reached the page.
      performance.mark(`shelf:answer:${channel}`);
      return result;
    });
  },
  on(channel: string, listener: IpcListener) {
    listenersOf(channel).push(listener);
    return ipcRenderer;
  },
  once(channel: string, listener: IpcListener) {
    const wrapped: IpcListener = (event, ...args) => {
      ipcRenderer.removeListener(channel, wrapped);
      listener(event, ...args);
    };
    return ipcRenderer.on(channel, wrapped);
  },
  removeListener(channel: string, listener: IpcListener) {
    const list = listenersOf(channel);
    const at = list.indexOf(listener);
    if (at >= 0) list.splice(at, 1);
    return ipcRenderer;
  },
  off(channel: string, listener: IpcListener) {
    return ipcRenderer.removeListener(channel, listener);
  },
  removeAllListeners(channel?: string) {
    if (channel === undefined) listeners.clear();
    else listeners.delete(channel);
    return ipcRenderer;
  },
  send(channel: string): void {
    // The app's preload only uses invoke; a fire-and-forget send would be lost in Electron too.
    console.warn(`e2e shim: ipcRenderer.send('${channel}') has no receiver`);
  },
};

// Node calls this (page.evaluate) for every push the service sends; returns how many listeners ran.
harness.__shelfDeliver = (channel: string, payload: unknown): number => {
  performance.mark(`shelf:push:${channel}`);
  const event = { sender: ipcRenderer, senderId: 0 };
  const list = [...listenersOf(channel)];
  for (const listener of list) listener(event, payload);
  return list.length;
};

harness.__shelfDeliverWire = (channel: string, text: string): number => harness.__shelfDeliver?.(channel, decodeWire(text)) ?? 0;

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown): void {
    // No isolated world in the harness: the page's main world gets the object directly.
    Object.defineProperty(harness, name, { value: api, enumerable: true, configurable: false, writable: false });
  },
};

export function fileKey(name: string, size: number): string {
  return `${size}:${name}`;
}

export const webUtils = {
  getPathForFile(file: File): string {
    const byIdentity = harness.__shelfFilePaths?.get(file);
    if (byIdentity !== undefined) return byIdentity;
    // A File re-wrapped by the page loses identity; name + size still names the dropped file.
    return harness.__shelfFilePathsByKey?.get(fileKey(file.name, file.size)) ?? '';
  },
};

export default { ipcRenderer, contextBridge, webUtils };
