// The doors of design.md §1 are kept by eslint.config.js; this lints one forbidden snippet per
// door through ESLint's own API (the project's config, type-aware parser and all), so a
// loosened or deleted rule fails here, not months later in review.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// The project's own config; only the type-aware rules are off, so a snippet may stand for a file
// that does not exist yet (the doors are about paths and imports, not types).
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

/** The rule ids and messages ESLint reports for `code` as if it were the file at `file`. */
async function lint(file: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

// Each case: a file's path, code that walks through a door it may not, and the words of the message that must stop it.
const forbidden: [door: string, file: string, code: string, message: RegExp][] = [
  ['a deep import into store/ from the CLI', 'src-main/cli/program.ts',
    "import { readModelYaml } from '../store/yaml/model-yaml.ts';\nexport const f = readModelYaml;\n", /store\/index\.ts, its only door/],
  ['a deep import into store/ from the app', 'src-main/app/settings.ts',
    "import { ModelStore } from '../store/model-store.ts';\nexport const f = ModelStore;\n", /store\/index\.ts, its only door/],
  ['a deep import into store/ from ipc/', 'src-main/ipc/any-handler.ts',
    "import { ModelStore } from '../store/model-store.ts';\nexport const f = ModelStore;\n", /store\/index\.ts, its only door/],
  ['a deep import into store/ from the service', 'src-main/service/any-session.ts',
    "import { scanStore } from '../store/read/scan.ts';\nexport const f = scanStore;\n", /store\/index\.ts, its only door/],
  ['electron in the store', 'src-main/store/index.ts',
    "import { app } from 'electron';\nexport const f = app;\n", /Electron belongs to src-main\/app and src-main\/preload only/],
  ['electron in shared code', 'src-main/shared/result.ts',
    "import type { WebContents } from 'electron';\nexport type W = WebContents;\n", /Electron belongs to src-main\/app and src-main\/preload only/],
  ['electron in the CLI', 'src-main/cli/program.ts',
    "import { shell } from 'electron';\nexport const f = shell;\n", /Electron belongs to src-main\/app and src-main\/preload only/],
  ['a dynamic electron import in the store', 'src-main/store/index.ts',
    "export const f = () => import('electron');\n", /Electron belongs to src-main\/app and src-main\/preload only/],
  ['raw ipcMain in the app outside the bridge', 'src-main/app/window.ts',
    "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n", /raw ipcMain is banned elsewhere/],
  ['raw ipcMain through a default import', 'src-main/app/window.ts',
    "import electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n", /raw ipcMain is banned elsewhere/],
  ['raw ipcRenderer in the app', 'src-main/app/ipc-bridge.ts',
    "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;\n", /Only src-main\/preload\/preload\.ts talks to ipcRenderer/],
  ['raw ipcRenderer in another preload file', 'src-main/preload/any-helper.ts',
    "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;\n", /Only src-main\/preload\/preload\.ts talks to ipcRenderer/],
  ['electron in ipc/', 'src-main/ipc/any-handler.ts',
    "import { BrowserWindow } from 'electron';\nexport const f = BrowserWindow;\n", /Electron belongs to src-main\/app and src-main\/preload only/],
  ['raw ipcMain in the preload', 'src-main/preload/preload.ts',
    "import { ipcMain } from 'electron';\nexport const f = ipcMain;\n", /raw ipcMain is banned elsewhere/],
  ['raw ipcRenderer in the renderer', 'src-renderer/state/store.ts',
    "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;\n", /Electron belongs to src-main\/app and src-main\/preload only/],
  ['a Node module in the renderer', 'src-renderer/state/store.ts',
    "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", /The renderer is sandboxed: no Node modules/],
  ['a bare Node module in the renderer', 'src-renderer/state/store.ts',
    "import { join } from 'path';\nexport const f = join;\n", /The renderer is sandboxed: no Node modules/],
  ['src-main beyond shared in the renderer', 'src-renderer/state/store.ts',
    "import { ModelStore } from '../../src-main/store/index.ts';\nexport const f = ModelStore;\n", /The renderer sees only src-main\/shared/],
  ['window.api outside the bridge', 'src-renderer/App.tsx',
    "export const f = () => window.api.request;\n", /Only src-renderer\/state\/bridge\.ts uses window\.api/],
];

describe('lint keeps the doors (eslint.config.js)', () => {
  it.each(forbidden)('fails %s', async (_door, file, code, message) => {
    const messages = await lint(file, code);
    expect(messages.some((m) => message.test(m.message)), JSON.stringify(messages)).toBe(true);
  });

  // The other side of each door: the same kind of code where it belongs passes these rules.
  const allowed: [door: string, file: string, code: string][] = [
    ['the store through its index from the CLI', 'src-main/cli/program.ts', "import { ModelStore } from '../store/index.ts';\nexport const f = ModelStore;\n"],
    ['ipcMain in the bridge', 'src-main/app/ipc-bridge.ts', "import { ipcMain } from 'electron';\nexport const f = ipcMain;\n"],
    ['ipcRenderer in the preload', 'src-main/preload/preload.ts', "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;\n"],
    ['window.api in the bridge', 'src-renderer/state/bridge.ts', 'export const f = () => window.api.request;\n'],
    ['shared code in the renderer', 'src-renderer/state/store.ts', "import { ok } from '../../src-main/shared/result.ts';\nexport const f = ok;\n"],
  ];
  it.each(allowed)('lets through %s', async (_door, file, code) => {
    const messages = await lint(file, code);
    const doorRules = messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax');
    expect(doorRules).toEqual([]);
  });
});
