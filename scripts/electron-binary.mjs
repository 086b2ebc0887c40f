// Where the Electron executable of node_modules/electron is, found WITHOUT require('electron'):
// since Electron 3x, requiring it starts a download when the binary is missing, and this
// workplace (and any offline CI) cannot reach GitHub, where the binary comes from.
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
