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

// Node's built-in modules are taken from process.getBuiltinModule (Node 22.3 and up), never
// imported as ES modules: an ES import of a built-in reads every export of it, and those getters
// load more built-ins (`import 'node:process'` loads 33 of them, the worker and report code among
// them; `node:util` 35, `node:fs` 30): about 8 ms of a ~60 ms `list NAME`, measured. Each name a
// chunk uses is read from the module once, when the chunk loads, as a pure expression the bundler
// drops when no chunk uses it; a default import is the module object itself.
// Some are not even loaded until called (crypto ~7 ms, child_process ~4 ms with the streams and
// sockets it pulls in, readline ~2 ms) because `list` never calls them: commander imports
// child_process for executable subcommands we do not have, and the store's owner stamps use crypto
// only when writing. Their listed names are functions that load the module on their first call; a
// name not listed fails the build ("not exported"), never the run.
const CALL_TIME_BUILTINS: Readonly<Record<string, readonly string[]>> = {
  'node:crypto': ['createHash', 'randomBytes', 'randomInt'],
  'node:child_process': ['spawn'],
  'node:readline/promises': ['createInterface'],
};
const BUILTIN_PREFIX = '\0builtin:';
// Stand-ins kept in the program chunk: the built-ins commander, the CLI and every store command
// use (a stand-in elsewhere could make a chunk cycle), and the call-time ones, which cost nothing
// until called. Others (zlib, v8, worker_threads, stream...) stay with the chunks that use them:
// a stand-in reads its module when its chunk loads.
const PROGRAM_BUILTINS = new Set(['node:events', 'node:process', 'node:util', 'node:path', 'node:fs', 'node:fs/promises', 'node:os', 'node:url', 'node:module', 'node:diagnostics_channel', ...Object.keys(CALL_TIME_BUILTINS)]);

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const builtinName = (id: string): string | undefined => (builtins.has(id) ? (id.startsWith('node:') ? id : `node:${id}`) : undefined);
// Anything else not a relative or absolute path is a package: left to Node (commander is bundled).
const isExternal = (id: string): boolean => id !== 'commander' && builtinName(id) === undefined && !/^(\.|\/|[A-Za-z]:[\\/]|\0)/.test(id);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function builtinsFromNode(): Plugin {
  return {
    name: 'model-shelf-builtins',
    enforce: 'pre',
    resolveId(id) {
      const name = builtinName(id);
      return name === undefined ? undefined : `${BUILTIN_PREFIX}${name}`;
    },
    load(id) {
      if (!id.startsWith(BUILTIN_PREFIX)) return undefined;
      const name = id.slice(BUILTIN_PREFIX.length);
      const lines = [`const load = () => process.getBuiltinModule(${JSON.stringify(name)});`];
      const later = CALL_TIME_BUILTINS[name];
      if (later) {
        lines.push(...later.map((fn) => `export const ${fn} = (...args) => load().${fn}(...args);`));
        lines.push('export default /* @__PURE__ */ new Proxy({}, { get: (_target, key) => load()[key] });');
      } else {
        // The names this Node's module has; a name missing from an older Node reads as undefined.
        const names = Object.keys(process.getBuiltinModule(name) as object).filter((k) => k !== 'default' && IDENTIFIER.test(k));
        lines.push('const m = load();', 'const get = (key) => m[key];');
        lines.push(...names.map((k) => `export const ${k} = /* @__PURE__ */ get(${JSON.stringify(k)});`));
        lines.push('export default m;');
      }
      return lines.join('\n');
    },
  };
}

export default defineConfig({
  plugins: [builtinsFromNode()],
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
            // shared rules, the built-ins' stand-ins): one file instead of ~20. Not the version, which
            // --version loads alone.
            { name: 'version', test: VERSION, priority: 3, includeDependenciesRecursively: false },
            { name: 'program', test: (id: string) => (PROGRAM.test(id) && !VERSION.test(id) && !ENTRY.test(id)) || PROGRAM_BUILTINS.has(id.slice(BUILTIN_PREFIX.length)), priority: 2, includeDependenciesRecursively: false },
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
