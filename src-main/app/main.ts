// Electron entry. Order matters: sandbox + single-instance first, the window as soon as Electron
// is ready, and only then the store scan (the service starts while the window paints).
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import path from 'node:path';
import { createShelfService } from '../service/index.ts';
import type { PushChannel, PushMap } from '../shared/ipc-contract.ts';
import { resolveHome } from '../store/index.ts';
import { electronDialogs, electronShell } from './dialogs.ts';
import { createSenderCheck, registerIpcHandlers } from './ipc-bridge.ts';
import { menuTemplate } from './menu.ts';
import { archivesFromArgv, createOpenFileQueue } from './open-files.ts';
import { rendererTarget } from './renderer-target.ts';
import { guardSession, guardWebContents } from './security.ts';
import { createJsonSettings } from './settings.ts';
import { boundsToRemember, createMainWindow } from './window.ts';

const openFiles = createOpenFileQueue();

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  openFiles.add(archivesFromArgv(process.argv.slice(1), process.cwd()));
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles.add([file]);
  });
  void start().catch((error: unknown) => {
    console.error('[model-shelf] start failed', error);
    dialog.showErrorBox('Model Shelf could not start', 'Something went wrong while starting. Start it again; the log has the details.');
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  // The folder holding package.json (app.asar when packaged), with dist/preload and dist/renderer.
  const appRoot = app.getAppPath();
  const target = rendererTarget({ appRoot, isPackaged: app.isPackaged, devServerUrl: process.env.VITE_DEV_SERVER_URL });
  const settings = createJsonSettings(path.join(app.getPath('userData'), 'settings.json'));
  const saved = await settings.get();
  guardSession(session.defaultSession, target);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, target));

  let win: BrowserWindow | null = createMainWindow({
    preloadPath: path.join(appRoot, 'dist', 'preload', 'preload.cjs'),
    bounds: saved.windowBounds,
  });
  const getWindow = () => (win && !win.isDestroyed() ? win : null);
  const send = <P extends PushChannel>(channel: P, payload: PushMap[P]) => getWindow()?.webContents.send(channel, payload);
  let savingBounds: Promise<void> = Promise.resolve();
  const saveBounds = () => {
    const current = getWindow();
    if (current) savingBounds = settings.set({ windowBounds: boundsToRemember(current) }).catch(() => undefined);
  };
  win.on('close', saveBounds);
  win.on('closed', () => (win = null));

  // The store is opened only once the page has loaded: its first scan is real work on this
  // thread and must not hold up the window. Requests that arrive earlier wait for it.
  let startService!: () => void;
  const servicePromise = new Promise<void>((resolve) => (startService = resolve)).then(() =>
    createShelfService({
      home: storeHome(saved.lastStore),
      dialogs: electronDialogs(getWindow),
      shell: electronShell,
      settings,
      push: send,
      appVersion: app.getVersion(),
      platform: process.platform,
    }),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        send: (command) => {
          // Reload also restarts the watcher and rescans in main; the renderer refreshes its views.
          if (command === 'reload') void servicePromise.then((s) => s.reload()).catch(() => undefined);
          send('menu:command', command);
        },
      }),
    ),
  );
  registerIpcHandlers({ isTrusted: createSenderCheck(getWindow, target), handlers: async () => (await servicePromise).handlers });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const current = getWindow();
    if (current) {
      if (current.isMinimized()) current.restore();
      current.focus();
    }
    openFiles.add(archivesFromArgv(argv.slice(1), workingDirectory));
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    saveBounds();
    // Await chokidar's close, abort open sessions (their staging dirs are removed) and let the
    // settings file be written before exit.
    startService();
    const closed = servicePromise.then((s) => s.close()).catch(() => undefined);
    void Promise.all([closed, savingBounds]).finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());

  await win.loadURL(target.url);
  startService();
  const service = await servicePromise;
  openFiles.attach((files) => {
    service.importFiles(files).catch((error: unknown) => {
      const message = error instanceof Error && error.name === 'ShelfError' ? error.message : 'The import failed. The log has the details.';
      dialog.showErrorBox('Import failed', message);
    });
  });
}

/** BENTOML_HOME from the environment wins (it is what BentoML itself uses), then the store last
 * opened with Open Store..., then ~/bentoml (format spec §1). */
function storeHome(lastStore: string | undefined): string {
  return process.env.BENTOML_HOME ? resolveHome(undefined, process.env) : resolveHome(lastStore, process.env);
}
