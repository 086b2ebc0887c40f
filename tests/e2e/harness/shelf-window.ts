// One Model Shelf window in Chromium, wired to the REAL service (createShelfService) over a real
// store on disk. The page runs the built renderer and the real preload; only Electron's process
// boundary is replaced (design §7): invoke -> Playwright binding -> service.handlers[channel],
// PushSink -> page.evaluate -> the shim's ipcRenderer listeners.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REQUEST_CHANNELS, type PushChannel, type RequestChannel } from '../../../src-main/shared/ipc-contract.ts';
import type { ShelfService } from '../../../src-main/service/index.ts';
import { buildPreload } from './build-preload.ts';
import { describeDrop, dispatchDragOver, dispatchDrop, dropPoint, type DropOptions } from './drop.ts';
import { FakeDialogs, FakeShell } from './fake-ports.ts';
import { ensureRendererBuilt, launchChromium, snapshotRenderer } from './launch.ts';
import { serveRenderer, type StaticServer } from './serve.ts';
import { encodeWire } from './wire.ts';

export interface OpenOptions {
  /** An existing BENTOML_HOME; a fresh temporary one (removed on close) when omitted. */
  readonly home?: string;
  readonly colorScheme?: 'light' | 'dark';
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Wait until the renderer said `app:ready` (default true). */
  readonly waitForReady?: boolean;
  /** Scripts run in the page after the preload and before the renderer (benchmarks' probes). */
  readonly initScripts?: readonly string[];
}

export interface ShelfWindow {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly home: string;
  readonly service: ShelfService;
  readonly dialogs: FakeDialogs;
  readonly shell: FakeShell;
  /** Every push the service sent, in order (delivered or not). */
  readonly pushes: { channel: PushChannel; payload: unknown }[];
  /** Every request the page made, in order. */
  readonly requests: { channel: string; arg: unknown }[];
  /** Uncaught page errors and console errors: a test can assert there are none. */
  readonly errors: string[];
  /** Drops real files/folders on the window; see DropOptions. */
  // A property, not a method: tests destructure it (`const { drop } = await shelf.open()`).
  drop: (paths: readonly string[], options?: DropOptions) => Promise<{ finish(): Promise<void> }>;
  /**
   * Answers the next file chooser (<input type=file>, Electron's native dialog) with these real
   * files, registering their paths so `pathForFile` knows them as Electron would.
   */
  answerFileChooser(paths: readonly string[]): Promise<void>;
  /** Resolves once every push sent so far has been handed to the page. */
  flushPushes(): Promise<void>;
  close(): Promise<void>;
}

export interface Harness {
  readonly browser: Browser;
  readonly server: StaticServer;
  open(options?: OpenOptions): Promise<ShelfWindow>;
  close(): Promise<void>;
}

/** One per test file (beforeAll): launches Chromium, serves dist/renderer, bundles the preload. */
export async function startHarness(): Promise<Harness> {
  const renderer = await snapshotRenderer(ensureRendererBuilt());
  const [browser, server, preload] = await Promise.all([launchChromium(), serveRenderer(renderer.dir), buildPreload()]);
  const windows = new Set<ShelfWindow>();
  return {
    browser,
    server,
    async open(options = {}) {
      const win = await openWindow(browser, server, preload, options);
      windows.add(win);
      return { ...win, close: async () => { windows.delete(win); await win.close(); } };
    },
    async close() {
      for (const win of [...windows]) await win.close().catch(() => undefined);
      await browser.close();
      await server.close();
      await renderer.remove();
    },
  };
}

const isRequestChannel = (channel: string): channel is RequestChannel => (REQUEST_CHANNELS as readonly string[]).includes(channel);

async function openWindow(browser: Browser, server: StaticServer, preload: string, options: OpenOptions): Promise<ShelfWindow> {
  const ownsHome = options.home === undefined;
  const home = options.home ?? (await mkdtemp(path.join(os.tmpdir(), 'shelf-e2e-')));
  const dialogs = new FakeDialogs();
  const shell = new FakeShell();
  const pushes: ShelfWindow['pushes'] = [];
  const requests: ShelfWindow['requests'] = [];
  const errors: string[] = [];
  let page: Page | null = null;
  let closed = false;
  let delivery = Promise.resolve();
  const early: { channel: PushChannel; payload: unknown }[] = [];

  const deliver = (channel: PushChannel, payload: unknown) => {
    const target = page;
    if (!target) return;
    delivery = delivery
      .then(() => target.evaluate(([c, p]) => (window as unknown as { __shelfDeliverWire(c: string, p: string): number }).__shelfDeliverWire(c, p), [channel, encodeWire(payload)] as const))
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!closed) errors.push(`push ${channel} was not delivered: ${String(error)}`);
      });
  };

  const { createShelfService } = await import('../../../src-main/service/index.ts');
  const service = await createShelfService({
    home,
    dialogs,
    shell,
    appVersion: '0.0.0-e2e',
    platform: process.platform,
    push: (channel, payload) => {
      pushes.push({ channel, payload });
      if (page) deliver(channel, payload);
      else early.push({ channel, payload });
    },
  });

  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1200, height: 760 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  // Fail a missing element in 15 s rather than 30: the whole suite has to run on 2 cores.
  context.setDefaultTimeout(15_000);
  const newPage = await context.newPage();
  newPage.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  newPage.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  await newPage.exposeBinding('__shelfInvoke', async (_source, channel: string, arg: unknown) => {
    requests.push({ channel, arg });
    // Like ipcMain.handle: a channel the contract does not list has no handler (invoke rejects).
    if (!isRequestChannel(channel)) throw new Error(`No handler for '${channel}'.`);
    const result = await service.handlers[channel](arg);
    if (channel === 'app:ready') {
      // The service itself queues pushes until app:ready; anything the harness held (sent before
      // the page had its preload) goes out now, in order.
      page = newPage;
      for (const item of early.splice(0)) deliver(item.channel, item.payload);
      setTimeout(markReady, 0);
    }
    return encodeWire(result);
  });
  await newPage.addInitScript({ content: preload });
  for (const content of options.initScripts ?? []) await newPage.addInitScript({ content });
  await newPage.goto(server.url);
  if (options.waitForReady !== false) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The renderer never called app:ready.\n${errors.join('\n')}`)), 30_000);
    });
    await Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
    await delivery;
  }

  return {
    page: newPage,
    context,
    home,
    service,
    dialogs,
    shell,
    pushes,
    requests,
    errors,
    async drop(paths, dropOptions = {}) {
      const items = await describeDrop(server, paths);
      const point = await dropPoint(newPage, dropOptions.at);
      await dispatchDragOver(newPage, items, point);
      const finish = () => dispatchDrop(newPage, point);
      if (!dropOptions.hold) await finish();
      return { finish };
    },
    async answerFileChooser(paths) {
      const keys: [string, string][] = [];
      for (const file of paths) keys.push([`${(await stat(file)).size}:${path.basename(file)}`, file]);
      await newPage.evaluate((entries) => {
        const w = window as typeof window & { __shelfFilePathsByKey?: Map<string, string> };
        w.__shelfFilePathsByKey ??= new Map();
        for (const [key, file] of entries) w.__shelfFilePathsByKey.set(key, file);
      }, keys);
      newPage.once('filechooser', (chooser) => void chooser.setFiles([...paths]).catch((error: unknown) => errors.push(`file chooser: ${String(error)}`)));
    },
    async flushPushes() {
      await delivery;
    },
    async close() {
      if (closed) return;
      closed = true;
      await service.close().catch(() => undefined);
      await context.close().catch(() => undefined);
      if (ownsHome) await rm(home, { recursive: true, force: true });
    },
  };
}
