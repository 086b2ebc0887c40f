// Where the Electron executable of node_modules/electron is, found WITHOUT require('electron'):
// since Electron 3x, requiring it starts a download when the binary is missing, and this
// workplace (and any offline CI) cannot reach GitHub, where the binary comes from.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Electron 45 fetches its binary on first use (`npx install-electron`), not during `npm install`.
export const MISSING_ELECTRON = "Electron's binary is not installed: run `npx install-electron` with network access"
  + ' to GitHub (where Electron downloads its binary from), then try again.';

/** Returns { path } of an executable Electron, or { reason } saying why there is none. */
export function findElectronBinary(projectRoot = root) {
  const pkgDir = join(projectRoot, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    return { reason: 'The electron package is not installed: run `npm install`.' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return { reason: MISSING_ELECTRON };
  const path = override ? join(override, relative || 'electron') : join(pkgDir, 'dist', relative);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { reason: `${MISSING_ELECTRON} (${path} is missing or not executable.)` };
  }
  return { path };
}

/**
 * findElectronBinary, after downloading the binary when it is missing (Electron 45 fetches it on
 * first use, not at `npm install`). Electron's installer prints a stack trace when the download
 * fails; it runs with its output captured, and only its first line (the cause) is kept, inside
 * the one sentence of `reason`.
 */
export function ensureElectronBinary(projectRoot = root, { onDownload = () => {} } = {}) {
  const found = findElectronBinary(projectRoot);
  const installer = join(projectRoot, 'node_modules', 'electron', 'install.js');
  if (found.path || !existsSync(installer)) return found;
  onDownload();
  const run = spawnSync(process.execPath, [installer], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const after = findElectronBinary(projectRoot);
  if (after.path) return after;
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}\n${run.error?.message ?? ''}`;
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at '));
  // Node puts the source line of a crash before the error itself: prefer the `XxxError: ...` line.
  const cause = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines[0];
  return { reason: downloadFailed(cause) };
}

/** The sentence for a download that did not give a binary, with the installer's first words as the cause. */
export function downloadFailed(cause) {
  const why = cause ? ` (${cause.replace(/[.:]+$/, '').slice(0, 200)})` : '';
  return `Electron's binary is not installed and could not be downloaded${why}: run \`npx install-electron\``
    + ' with network access to GitHub (where Electron downloads its binary from), then try again.';
}
