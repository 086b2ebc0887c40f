// The `model-shelf` command as users run it: one ES module bundle for Node (22 and up, as package.json's engines) in dist/cli/, made by
// `npm run build:cli` (part of `npm run build` and of `prepare`, so `npm install` and `npm pack`
// make it). Why a bundle: the compiled tree (dist/main/, ~300 modules) costs Node one file lookup,
// read and link per module at every start, about half of a `list`'s fixed cost
// (docs/benchmarks.md, "CLI bundle"). Each command's code is a chunk loaded when that command runs.
// Packages stay in node_modules (external): they are resolved at run time, as the compiled tree does.
// The Electron app keeps the tsc build (dist/main/app/main.js); nothing here changes it.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The CLI's entry and the files a Worker is started from: xz-parallel.ts starts the worker beside
// itself (`xz-block-worker` + its own extension), so the worker is an entry of the same flat folder.
const ENTRIES = {
  main: 'src-main/cli/main.ts',
  'xz-block-worker': 'src-main/store/archive/xz-block-worker.ts',
};

const PROGRAM = /[\\/](src-main[\\/](cli|shared)[\\/]|node_modules[\\/]commander[\\/])/;
const VERSION = /[\\/]src-main[\\/]shared[\\/]shelf-version\.ts$/;
const ENTRY = /[\\/]src-main[\\/]cli[\\/]main\.ts$/;
const STORE_DOOR = /[\\/]src-main[\\/]cli[\\/]store-door\.ts$/;

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
// Anything not a relative or absolute path is a package (or a Node built-in): left to Node.
const isExternal = (id: string): boolean => id !== 'commander' && (builtins.has(id) || !/^(\.|\/|[A-Za-z]:[\\/]|\0)/.test(id));

export default defineConfig({
  // No public/ folder or index.html here: this build is a library for Node, not a page.
  publicDir: false,
  // commander is bundled: its seven files are then part of the program chunk, not seven more modules to resolve and load.
  ssr: { noExternal: ['commander'] },
  build: {
    outDir: 'dist/cli',
    emptyOutDir: true,
    ssr: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      input: ENTRIES,
      external: isExternal,
      // The project's modules do nothing when loaded but define things (checked: no bare
      // `import './x.ts'` in src-main), so a module none of whose exports a command uses is left
      // out: `list` then loads the readers behind store/index.ts, not every room it re-exports.
      treeshake: { moduleSideEffects: (id: string, external: boolean) => external },
      output: {
        format: 'es',
        codeSplitting: {
          groups: [
            // What every command runs first (the program, the command definitions, commander, the
            // shared rules): one file instead of ~20. Not the version, which --version loads alone.
            { name: 'version', test: VERSION, priority: 3, includeDependenciesRecursively: false },
            { name: 'program', test: (id: string) => PROGRAM.test(id) && !VERSION.test(id) && !ENTRY.test(id), priority: 2, includeDependenciesRecursively: false },
            // The readers every store command opens (store-door.ts and what it imports statically).
            { name: 'store-read', test: STORE_DOOR, priority: 1 },
          ],
        },
        // One flat folder: a chunk's import.meta.url then names the folder the worker entry is in.
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
