import { describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, unknown>; maximized: boolean }[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    options: Record<string, unknown>;
    maximized = false;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      created.push(this);
    }
    once() {}
    maximize() {
      this.maximized = true;
    }
  },
}));

const { createMainWindow } = await import('../../src-main/app/window.ts');

describe('main window', () => {
  it('uses exactly the hardened webPreferences with our preload', () => {
    createMainWindow({ preloadPath: '/app/dist/preload/preload.cjs' });
    const options = created.at(-1)!.options;
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
    expect(options.webPreferences).not.toHaveProperty('webSecurity');
    expect(options.webPreferences).not.toHaveProperty('allowRunningInsecureContent');
    expect(options.show).toBe(false);
  });

  it('opens at 1200 x 760 by default and at the remembered bounds otherwise', () => {
    createMainWindow({ preloadPath: '/p' });
    expect([created.at(-1)!.options.width, created.at(-1)!.options.height]).toEqual([1200, 760]);
    createMainWindow({ preloadPath: '/p', bounds: { x: 10, y: 20, width: 900, height: 600, maximized: true } });
    const last = created.at(-1)!;
    expect([last.options.x, last.options.y, last.options.width, last.options.height]).toEqual([10, 20, 900, 600]);
    expect(last.maximized).toBe(true);
  });
});
