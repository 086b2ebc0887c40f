#!/usr/bin/env node
// The `model-shelf` command (bin/model-shelf.js imports its bundle, dist/cli/main.js: vite.cli.config.ts).
import { MODEL_SHELF_VERSION } from '../shared/shelf-version.ts';

const argv = process.argv.slice(2);
// `model-shelf --version` alone needs nothing but the version: it answers before commander and the
// commands are loaded, which would be most of its time (docs/benchmarks.md, "Speed, second pass").
// The text is commander's own (`.version()` in program.ts, which answers every other spelling);
// tests/integration/cli-startup-modules.test.ts keeps the two equal.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${MODEL_SHELF_VERSION}\n`);
} else {
  // A reader that goes away (`model-shelf list | head -1`) must not end the command with a stack
  // trace, nor kill a create or an import half-way: what is left to print is dropped, the work
  // finishes and the exit status is the command's own. Any other stream error is still thrown.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  // Loaded only now, and the program loads the store only when a command opens it (cli-context.ts).
  const { runCli } = await import('./program.ts');
  process.exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
}
