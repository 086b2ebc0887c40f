import { describe, expect, it, vi } from 'vitest';
import { PUSH_CHANNELS, REQUEST_CHANNELS } from '../../src-main/shared/ipc-contract.ts';

const exposed = new Map<string, unknown>();
const invoked: [string, unknown][] = [];
const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
const ipcRenderer = {
  invoke: (channel: string, arg: unknown) => {
    invoked.push([channel, arg]);
    return Promise.resolve({ ok: true, value: channel });
  },
  on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel)!.add(fn);
  },
  removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(fn),
  send: () => undefined,
  sendSync: () => undefined,
};
const webUtils = { getPathForFile: (file: { path?: string }) => file.path ?? '' };

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer,
  webUtils,
}));

await import('../../src-main/preload/preload.ts');
const api = exposed.get('api') as {
  request: Record<string, (arg: unknown) => Promise<unknown>>;
  subscribe: Record<string, (fn: (payload: unknown) => void) => () => void>;
  pathForFile: (file: unknown) => string;
};

function everyValue(value: unknown, seen = new Set<unknown>()): unknown[] {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [];
  seen.add(value);
  return [value, ...Object.values(value).flatMap((v) => everyValue(v, seen))];
}

describe('preload', () => {
  it('exposes only window.api', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['pathForFile', 'request', 'subscribe']);
  });

  it('has exactly one request method per request channel, each invoking its own channel', async () => {
    expect(Object.keys(api.request).sort()).toEqual([...REQUEST_CHANNELS].sort());
    for (const channel of REQUEST_CHANNELS) {
      await expect(api.request[channel]!({ probe: channel })).resolves.toEqual({ ok: true, value: channel });
      expect(invoked.at(-1)).toEqual([channel, { probe: channel }]);
    }
  });

  it('has exactly one subscription per push channel, passing the payload only, with unsubscribe', () => {
    expect(Object.keys(api.subscribe).sort()).toEqual([...PUSH_CHANNELS].sort());
    for (const channel of PUSH_CHANNELS) {
      const got: unknown[][] = [];
      const off = api.subscribe[channel]!((...args: unknown[]) => got.push(args));
      for (const fn of listeners.get(channel) ?? []) fn({ sender: 'secret' }, { revision: 1 });
      expect(got).toEqual([[{ revision: 1 }]]);
      off();
      for (const fn of listeners.get(channel) ?? []) fn({ sender: 'secret' }, { revision: 2 });
      expect(got).toHaveLength(1);
    }
  });

  it('never exposes ipcRenderer, webUtils or any of their functions', () => {
    const values = everyValue(api);
    expect(values).not.toContain(ipcRenderer);
    expect(values).not.toContain(webUtils);
    for (const fn of [...Object.values(ipcRenderer), webUtils.getPathForFile]) expect(values).not.toContain(fn);
  });

  it('looks up dropped file paths, answering empty for anything else', () => {
    expect(api.pathForFile({ path: '/home/me/model.safetensors' })).toBe('/home/me/model.safetensors');
    webUtils.getPathForFile = () => {
      throw new TypeError('not a File');
    };
    expect(api.pathForFile('nope')).toBe('');
  });

  it('is frozen, so page scripts cannot swap a method', () => {
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.request)).toBe(true);
    expect(Object.isFrozen(api.subscribe)).toBe(true);
  });
});
