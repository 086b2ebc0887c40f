// main.ts with Electron mocked: the order of startup and what ends up wired.
import { EventEmitter } from 'node:events';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../../src-main/shared/ipc-contract.ts';

interface FakeWindow extends EventEmitter {
  options: { webPreferences: Record<string, unknown> };
  loaded: string[];
  webContents: { sent: [string, unknown][]; send(channel: string, payload: unknown): void };
}

interface MockState {
  lock: boolean;
  quitCalls: number;
  sandbox: boolean;
  userData: string;
  windows: FakeWindow[];
  handlers: Map<string, (event: unknown, arg: unknown) => Promise<unknown>>;
  appEvents: EventEmitter;
  menu: unknown;
  permissionHandler: unknown;
}

const state = vi.hoisted((): MockState => ({
  lock: true,
  quitCalls: 0,
  sandbox: false,
  userData: '',
  windows: [],
  handlers: new Map(),
  appEvents: null as unknown as EventEmitter, // set by the electron mock below
  menu: null,
  permissionHandler: null,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  state.appEvents = new Emitter();
  class BrowserWindow extends Emitter {
    options: unknown;
    loaded: string[] = [];
    webContents = { sent: [] as [string, unknown][], send(channel: string, payload: unknown) { this.sent.push([channel, payload]); } };
    constructor(options: unknown) {
      super();
      this.options = options;
      state.windows.push(this as unknown as FakeWindow);
    }
    isDestroyed() { return false; }
    maximize() {}
    loadURL(url: string) { this.loaded.push(url); return Promise.resolve(); }
    getNormalBounds() { return { x: 1, y: 2, width: 1200, height: 760 }; }
    isMaximized() { return false; }
  }
  const app = Object.assign(state.appEvents, {
    enableSandbox: () => void (state.sandbox = true),
    requestSingleInstanceLock: () => state.lock,
    quit: () => void (state.quitCalls += 1),
    exit: () => undefined,
    whenReady: () => Promise.resolve(),
    getPath: () => state.userData,
    getVersion: () => '9.9.9',
    getAppPath: () => '/opt/model-shelf',
    isPackaged: true,
  });
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: () => undefined },
    shell: { showItemInFolder: () => undefined, openExternal: () => Promise.resolve() },
    ipcMain: { handle: (c: string, fn: never) => state.handlers.set(c, fn), removeHandler: (c: string) => state.handlers.delete(c) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void (state.menu = m) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: unknown) => void (state.permissionHandler = fn),
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
  };
});

let root: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-main-'));
  state.userData = path.join(root, 'userData');
  state.windows = [];
  state.handlers.clear();
  state.appEvents?.removeAllListeners();
  state.quitCalls = 0;
  state.sandbox = false;
  state.menu = null;
  vi.stubEnv('BENTOML_HOME', path.join(root, 'bentoml'));
  vi.resetModules();
});
afterEach(async () => {
  // Quit like a user would, so the service (and its watcher) closes.
  state.appEvents?.emit('before-quit', { preventDefault: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 200));
  vi.unstubAllEnvs();
  await fsp.rm(root, { recursive: true, force: true });
});

// Polls until `check` holds, for as long as the test may run (a busy machine is slow at random);
// the assertions after it say what was missing.
async function until(check: () => boolean) {
  const deadline = Date.now() + 50_000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('main process startup', () => {
  it('a second instance enables the sandbox, quits and opens no window', async () => {
    state.lock = false;
    await import('../../src-main/app/main.ts');
    expect(state.sandbox).toBe(true);
    expect(state.quitCalls).toBe(1);
    expect(state.windows).toHaveLength(0);
    state.lock = true;
  });

  it('opens the hardened window on our page, then serves every channel to it', async () => {
    await import('../../src-main/app/main.ts');
    await until(() => state.handlers.size === REQUEST_CHANNELS.length && (state.windows[0]?.loaded.length ?? 0) > 0);
    expect(state.sandbox).toBe(true);
    const win = state.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.options.webPreferences.preload).toBe(path.join('/opt/model-shelf', 'dist', 'preload', 'preload.cjs'));
    expect(win.loaded[0]).toBe('file:///opt/model-shelf/dist/renderer/index.html');
    expect([...state.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(state.menu).not.toBeNull();

    const event = { sender: win.webContents, senderFrame: { url: win.loaded[0], parent: null } };
    const ready = (await state.handlers.get('app:ready')!(event, undefined)) as { ok: boolean; value: { version: string } };
    expect(ready).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    const snap = (await state.handlers.get('store:snapshot')!(event, undefined)) as { ok: boolean; value: { home: string; exists: boolean } };
    expect(snap.value).toMatchObject({ home: path.join(root, 'bentoml'), exists: false });
    // Pushes reach the window once it said ready: the first snapshot and the watcher status.
    await until(() => win.webContents.sent.some(([c]) => c === 'watcher:status'));
    expect(win.webContents.sent.map(([c]) => c)).toContain('store:changed');
    const forbidden = (await state.handlers.get('store:snapshot')!({ sender: {}, senderFrame: null }, undefined)) as { error: { code: string } };
    expect(forbidden.error.code).toBe('FORBIDDEN');
  });

  it('remembers the window bounds in userData when quitting', async () => {
    await import('../../src-main/app/main.ts');
    await until(() => (state.windows[0]?.loaded.length ?? 0) > 0);
    state.appEvents.emit('before-quit', { preventDefault: () => undefined });
    await until(() => state.quitCalls > 0);
    const saved = JSON.parse(await fsp.readFile(path.join(state.userData, 'settings.json'), 'utf8')) as { windowBounds?: unknown };
    expect(saved.windowBounds).toEqual({ x: 1, y: 2, width: 1200, height: 760, maximized: false });
  });
});
