// The built preload as Electron's sandbox runs it: a CommonJS script whose `require` knows only
// 'electron' (a sandboxed preload cannot load Node modules or ESM, design §6).
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_CHANNELS, REQUEST_CHANNELS } from '../../src-main/shared/ipc-contract.ts';

let outDir: string;
let code: string;
beforeAll(async () => {
  outDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-preload-'));
  await build({ configFile: path.resolve('vite.preload.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  code = await fsp.readFile(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);
afterAll(async () => {
  await fsp.rm(outDir, { recursive: true, force: true });
});

describe('preload bundle', () => {
  it('runs with a require that only knows electron and exposes the api', () => {
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: (...args: unknown[]) => Promise.resolve(invoked.push(args)), on: () => undefined, removeListener: () => undefined },
      webUtils: { getPathForFile: () => '/x' },
    };
    const require = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require, module, exports: module.exports, Object, Symbol });
    expect(required).toEqual(['electron']);
    const api = exposed.api as { request: Record<string, (a: unknown) => unknown>; subscribe: Record<string, unknown> };
    expect(Object.keys(api.request).sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(Object.keys(api.subscribe).sort()).toEqual([...PUSH_CHANNELS].sort());
    void api.request['model:get']!({ tag: 'iris_clf' });
    expect(invoked).toEqual([['model:get', { tag: 'iris_clf' }]]);
  });

  it('is CommonJS without import statements', () => {
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/^\s*export\s/m);
  });
});
