#!/usr/bin/env node
// The `model-shelf` command (bin/model-shelf.js imports the compiled copy of this file).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
