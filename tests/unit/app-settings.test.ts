import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonSettings } from '../../src-main/app/settings.ts';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-settings-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('settings file', () => {
  it('remembers window bounds and the last store across restarts', async () => {
    const file = path.join(dir, 'userData', 'settings.json');
    const first = createJsonSettings(file);
    expect(await first.get()).toEqual({});
    await first.set({ windowBounds: { x: 5, y: 6, width: 1000, height: 700, maximized: false } });
    await first.set({ lastStore: '/data/bentoml' });
    const again = createJsonSettings(file);
    expect(await again.get()).toEqual({ lastStore: '/data/bentoml', windowBounds: { x: 5, y: 6, width: 1000, height: 700, maximized: false } });
    // Written by rename: only the settings file is left in the folder.
    expect(await fsp.readdir(path.dirname(file))).toEqual(['settings.json']);
  });

  it('falls back to defaults for a corrupt or hand-edited file', async () => {
    const file = path.join(dir, 'settings.json');
    await fsp.writeFile(file, '{"lastStore": 42, ');
    expect(await createJsonSettings(file).get()).toEqual({});
    await fsp.writeFile(file, JSON.stringify({ windowBounds: { width: -1, height: 5 } }));
    expect(await createJsonSettings(file).get()).toEqual({});
  });

  it('keeps every patch when several are written at once', async () => {
    const file = path.join(dir, 'settings.json');
    const settings = createJsonSettings(file);
    await Promise.all([settings.set({ lastStore: '/a' }), settings.set({ usePolling: true }), settings.set({ lastStore: '/b' })]);
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ lastStore: '/b', usePolling: true });
  });
});
