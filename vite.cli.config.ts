// The `model-shelf` command as users run it: one ES module bundle for Node (22 and up, as package.json's engines) in dist/cli/, made by
// `npm run build:cli` (part of `npm run build` and of `prepare`, so `npm install` and `npm pack`
// make it). Why a bundle: the compiled tree (dist/main/, ~300 modules) costs Node one file lookup,
// read and link per module at every start, about half of a `list`'s fixed cost
// (docs/benchmarks.md, "CLI bundle"). Each command's code is a chunk loaded when that command runs.
// Packages stay in node_modules (external): they are resolved at run time, as the compiled tree does.
// The Electron app keeps the tsc build (dist/main/app/main.js); nothing here changes it.
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

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

// Node built-ins that cost milliseconds to load (crypto ~7 ms, child_process ~4 ms with the
// streams and sockets it pulls in, readline ~2 ms; `list NAME` is ~60 ms in all) and that `list`
// never calls: commander imports child_process for executable subcommands we do not have, the
// store's owner stamps use crypto only when writing. Each listed name is a function, loaded from
// Node (process.getBuiltinModule, Node 22.3 and up) on its first call. A name not listed here
// fails the build ("not exported"), never the run; a default import gets the whole module, lazily.
const LAZY_BUILTINS: Readonly<Record<string, readonly string[]>> = {
  'node:crypto': ['createHash', 'randomBytes', 'randomInt'],
  'node:child_process': ['spawn'],
  'node:readline/promises': ['createInterface'],
};
const LAZY_PREFIX = '\0lazy-builtin:';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
// Anything not a relative or absolute path is a package (or a Node built-in): left to Node.
// The lazy built-ins below are not: the bundler must ask the plugin for them.
const isExternal = (id: string): boolean =>
  id !== 'commander' && !LAZY_BUILTINS[id.startsWith('node:') ? id : `node:${id}`] && (builtins.has(id) || !/^(\.|\/|[A-Za-z]:[\\/]|\0)/.test(id));

function lazyBuiltins(): Plugin {
  return {
    name: 'model-shelf-lazy-builtins',
    enforce: 'pre',
    resolveId(id) {
      const name = id.startsWith('node:') ? id : `node:${id}`;
      return LAZY_BUILTINS[name] ? `${LAZY_PREFIX}${name}` : undefined;
    },
    load(id) {
      if (!id.startsWith(LAZY_PREFIX)) return undefined;
      const name = id.slice(LAZY_PREFIX.length);
      return [
        `const load = () => process.getBuiltinModule(${JSON.stringify(name)});`,
        ...(LAZY_BUILTINS[name] ?? []).map((fn) => `export const ${fn} = (...args) => load().${fn}(...args);`),
        'export default new Proxy({}, { get: (_target, key) => load()[key] });',
      ].join('\n');
    },
  };
}

export default defineConfig({
  plugins: [lazyBuiltins()],
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
            // shared rules, the lazy built-ins): one file instead of ~20. Not the version, which
            // --version loads alone.
            { name: 'version', test: VERSION, priority: 3, includeDependenciesRecursively: false },
            { name: 'program', test: (id: string) => (PROGRAM.test(id) && !VERSION.test(id) && !ENTRY.test(id)) || id.startsWith(LAZY_PREFIX), priority: 2, includeDependenciesRecursively: false },
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
