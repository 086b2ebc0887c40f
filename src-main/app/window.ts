// The main window. webPreferences follow Electron's security checklist (design §6):
// isolated, sandboxed, no Node in the page, web security left on, the preload bundle only.
// They are written out literally in the constructor call so that electronegativity (a static
// check, `npm run check:security`) sees them.
import { BrowserWindow } from 'electron';
import type { WindowBounds } from '../service/index.ts';

export const DEFAULT_BOUNDS: WindowBounds = { width: 1200, height: 760 };

export function createMainWindow(opts: { preloadPath: string; bounds?: WindowBounds | undefined }): BrowserWindow {
  const bounds = opts.bounds ?? DEFAULT_BOUNDS;
  const win = new BrowserWindow({
    ...(bounds.x === undefined || bounds.y === undefined ? {} : { x: bounds.x, y: bounds.y }),
    width: bounds.width,
    height: bounds.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Model Shelf',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (bounds.maximized) win.maximize();
  // Show only once painted: no white flash, and the store scan starts after the page loaded.
  win.once('ready-to-show', () => win.show());
  return win;
}

/** The bounds to remember: the normal (unmaximized) rectangle plus whether it was maximized. */
export function boundsToRemember(win: BrowserWindow): WindowBounds {
  const { x, y, width, height } = win.getNormalBounds();
  return { x, y, width, height, maximized: win.isMaximized() };
}
