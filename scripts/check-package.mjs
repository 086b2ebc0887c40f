#!/usr/bin/env node
// `npm run check:package`: builds, packages the app with electron-builder's Linux `dir` target
// against a stand-in Electron (scripts/electron-stub.mjs; the real binary cannot be downloaded
// here), then checks the result: what app.asar holds, the fuses in the executable, the Linux
// desktop entry / MIME association electron-builder generates (scripts/probe-linux-entry.cjs),
// and the Windows/macOS icon files. One line per check; exit 1 on any failure.
// `--no-build` reuses dist/ as it is.
import './require-node.cjs'; // first: stops an unsupported Node with one sentence
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { makeElectronStub } from './electron-stub.mjs';
import { checkAsar, checkFuses, checkIconFiles, checkLinuxIntegration } from './package-assertions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const results = [];
const check = (ok, what) => {
  results.push(Boolean(ok));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('FAIL npm run build (fix the build errors above, then run `npm run check:package` again)');
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'model-shelf-package-'));
try {
  const stub = await makeElectronStub(join(work, 'electron-stub'), electronVersion);
  const out = join(work, 'release');
  const builder = spawnSync(process.execPath, [
    join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--publish', 'never',
    `-c.electronDist=${stub}`, `-c.directories.output=${out}`, '-c.afterPack=scripts/probe-linux-entry.cjs',
  ], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  const log = builder.stdout + builder.stderr;
  check(builder.status === 0, `electron-builder --linux dir with electron-builder.yml (Electron ${electronVersion} stand-in)`);
  if (builder.status !== 0) {
    process.stdout.write(log);
    process.exit(1);
  }
  // electron-builder keeps going when `npm list` fails, silently dropping transitive packages.
  check(!/cannot find path for dependency/.test(log), 'electron-builder resolved every production dependency');

  const appDir = join(out, 'linux-unpacked');
  const asarPath = join(appDir, 'resources', 'app.asar');
  check(existsSync(asarPath), 'resources/app.asar was written (asar: true)');
  if (existsSync(asarPath)) checkAsar(check, { asarPath, root, pkg, config });

  const executable = join(appDir, config.linux.executableName);
  check(existsSync(executable), `the executable is named ${config.linux.executableName}`);
  if (existsSync(executable)) await checkFuses(check, { executable, config });

  const probe = JSON.parse(readFileSync(join(out, 'linux-probe.json'), 'utf8'));
  checkLinuxIntegration(check, { probe, config });
  checkIconFiles(check, { root, config });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((ok) => !ok).length;
console.log(`check:package: ${results.length - failed} passed, ${failed} failed.`
  + ' Packaged against a stand-in for the Electron binary (it cannot be downloaded here);'
  + ' the installers (AppImage, deb, dmg, nsis) need the real binary and tools from GitHub: run `npm run package` with network access.');
process.exit(failed > 0 ? 1 : 0);
