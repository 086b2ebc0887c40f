import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `npm start` and `npm run dev` without Electron's binary, where its download fails (no access to
// GitHub): one sentence on stderr, the cause inside it, never the installer's stack trace.
// The scripts run from a copy of the project whose node_modules/electron is an installer that
// fails the way Electron 45's does offline (it prints `err.stack`), so the test never depends on
// the network, and never downloads or starts a real Electron.

const root = path.resolve(import.meta.dirname, '../..');
let project: string;

beforeEach(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'shelf-no-electron-'));
  mkdirSync(path.join(project, 'scripts'));
  for (const file of ['start.mjs', 'dev.mjs', 'electron-binary.mjs', 'require-node.cjs']) {
    cpSync(path.join(root, 'scripts', file), path.join(project, 'scripts', file));
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'copy', type: 'module' }));
  const electron = path.join(project, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(path.join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
});
afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

function installer(body: string): void {
  writeFileSync(path.join(project, 'node_modules', 'electron', 'install.js'), body);
}

// What Electron 45's install.js does when @electron/get cannot reach GitHub.
const FETCH_FAILS = `const err = new TypeError('fetch failed');
err.cause = new Error('getaddrinfo ENOTFOUND github.com');
console.error(err.stack);
console.error('  [cause]: ' + err.cause.stack);
process.exit(1);
`;

function run(script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(project, 'scripts', script), '--no-build'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(['start.mjs', 'dev.mjs'])('%s without an Electron binary', (script) => {
  it('says in one sentence that the download failed, with its cause, and exits 1', () => {
    installer(FETCH_FAILS);
    expect(run(script)).toEqual({
      status: 1,
      stdout: 'Downloading Electron (first start only)...\n',
      stderr:
        "Electron's binary is not installed and could not be downloaded (TypeError: fetch failed): run `npx install-electron`"
        + ' with network access to GitHub (where Electron downloads its binary from), then try again.\n',
    });
  });

  it('names the error, not the source line, when the installer itself crashes', () => {
    installer("require('@electron/get');\n");
    const result = run(script);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Electron's binary is not installed and could not be downloaded \(Error: Cannot find module '@electron\/get'\): run `npx install-electron` .*then try again\.\n$/);
  });

  it('says so in one sentence when the electron package is missing altogether', () => {
    rmSync(path.join(project, 'node_modules'), { recursive: true });
    expect(run(script)).toEqual({ status: 1, stdout: '', stderr: 'The electron package is not installed: run `npm install`.\n' });
  });
});
