#!/usr/bin/env node
// The published entry point: the CLI is bundled into dist/cli/ by `npm run build:cli`
// (vite.cli.config.ts; run by `npm run build`, and by `npm install` and `npm pack` through the
// `prepare` script). A bundle, not the compiled tree of dist/main/: Node then loads a handful of
// files for a command instead of ~300 modules (docs/benchmarks.md, "CLI bundle").
// The Node check runs first and the CLI is loaded only after it: a static import of the CLI
// would be parsed and linked, and could fail with a stack trace, before any check ran.
import '../scripts/require-node.cjs';
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

// V8's compiled code for the CLI's files is kept on disk (Node's own cache in the temporary
// folder) and reused by the next run: about a tenth of a `list`'s CPU (docs/benchmarks.md,
// "Speed, second pass"). A cache that cannot be written is skipped by Node, never an error.
// Reached through the default export: a named import would fail to link on an old Node before the
// check above could say why.
nodeModule.enableCompileCache?.();

const cli = new URL('../dist/cli/main.js', import.meta.url);
try {
  await import(cli.href);
} catch (error) {
  // A checkout installed with --ignore-scripts (or cleaned) has no dist/: say how to build it.
  const file = fileURLToPath(cli);
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(file)) throw error;
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`Error: model-shelf is not built (${file} is missing): run \`npm run build:cli\` in ${root}, then try again.\n`);
  process.exitCode = 1;
}
