#!/usr/bin/env node
// The published entry point: the CLI is compiled to dist/ by `npm run build:main`
// (run automatically by `npm install` through the `prepare` script).
import '../dist/main/cli/main.js';
