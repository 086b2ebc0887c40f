// Lint that keeps the house's doors (design.md §1): store/ is entered only through
// store/index.ts, `electron` lives only in src-main/app and src-main/preload, and raw
// ipcMain/ipcRenderer only in the one bridge on each side (GitHub Desktop bans raw IPC the
// same way). Type-aware rules from typescript-eslint, hooks rules for the renderer.
// tests/unit/lint-doors.test.ts lints a forbidden snippet for every door, so loosening one fails.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const STORE_DEEP_IMPORT = {
  // '../store/x.ts', '../../store/read/scan.ts': anything under store/ but its index.
  regex: String.raw`(^|/)store/(?!index\.ts$).+`,
  message: 'Import the store through store/index.ts, its only door.',
};
const ELECTRON = { name: 'electron', message: 'Electron belongs to src-main/app and src-main/preload only.' };
const RAW_IPC_MAIN = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Use the one IPC bridge (src-main/app/ipc-bridge.ts); raw ipcMain is banned elsewhere.',
};
const RAW_IPC_RENDERER = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only src-main/preload/preload.ts talks to ipcRenderer.',
};

const NO_NODE = 'The renderer is sandboxed: no Node modules.';

/** no-restricted-imports with the given path and pattern rules. */
const restrict = (paths, patterns = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

/**
 * `electron.ipcMain` after a default or namespace import slips past importNames, and
 * `import('electron')` past no-restricted-imports altogether: name them here too.
 */
const rawIpcMember = (names, message) => ({
  selector: `MemberExpression[property.name=/^(${names.join('|')})$/]`,
  message,
});
const DYNAMIC_ELECTRON = {
  selector: "ImportExpression[source.value='electron'], CallExpression[callee.name='require'][arguments.0.value='electron']",
  message: ELECTRON.message,
};
const syntax = (...entries) => ({ 'no-restricted-syntax': ['error', ...entries] });

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'docs/**', 'assets/**', 'coverage/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.main.json', './tsconfig.preload.json', './tsconfig.renderer.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Promises handed to event emitters and React handlers are deliberate; floating ones are not.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  // CommonJS files (the Node check, electron-builder hooks) are CommonJS on purpose.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The store, shared code and the CLI: pure Node, no Electron.
  {
    files: ['src-main/store/**/*.ts', 'src-main/shared/**/*.ts'],
    rules: { ...restrict([ELECTRON]), ...syntax(DYNAMIC_ELECTRON) },
  },
  // Layers above the store enter it only through its index.
  {
    files: ['src-main/ipc/**/*.ts', 'src-main/service/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: { ...restrict([ELECTRON], [STORE_DEEP_IMPORT]), ...syntax(DYNAMIC_ELECTRON) },
  },
  {
    files: ['src-main/app/**/*.ts'],
    ignores: ['src-main/app/ipc-bridge.ts'],
    rules: {
      ...restrict([RAW_IPC_MAIN, RAW_IPC_RENDERER], [STORE_DEEP_IMPORT]),
      ...syntax(rawIpcMember(['ipcMain', 'ipcRenderer'], RAW_IPC_MAIN.message)),
    },
  },
  {
    files: ['src-main/app/ipc-bridge.ts'],
    rules: { ...restrict([RAW_IPC_RENDERER], [STORE_DEEP_IMPORT]), ...syntax(rawIpcMember(['ipcRenderer'], RAW_IPC_RENDERER.message)) },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    ignores: ['src-main/preload/preload.ts'],
    rules: {
      ...restrict([RAW_IPC_RENDERER, RAW_IPC_MAIN]),
      ...syntax(rawIpcMember(['ipcMain', 'ipcRenderer'], RAW_IPC_RENDERER.message)),
    },
  },
  {
    files: ['src-main/preload/preload.ts'],
    rules: { ...restrict([RAW_IPC_MAIN]), ...syntax(rawIpcMember(['ipcMain'], RAW_IPC_MAIN.message)) },
  },
  // The renderer: React hooks rules; no Electron, no Node, and window.api only in state/bridge.ts.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([ELECTRON, ...builtinModules.map((name) => ({ name, message: NO_NODE }))], [
        { regex: String.raw`^node:`, message: NO_NODE },
        { regex: String.raw`(^|/)src-main/(?!shared/)`, message: 'The renderer sees only src-main/shared.' },
      ]),
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/state/bridge.ts', 'src-renderer/dev/**'],
    rules: syntax(
      DYNAMIC_ELECTRON,
      {
        selector: "MemberExpression[object.name=/^(window|globalThis|self)$/]:matches([property.name='api'], [property.value='api'])",
        message: 'Only src-renderer/state/bridge.ts uses window.api.',
      },
    ),
  },
);
