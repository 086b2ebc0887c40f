import os from 'node:os';
import path from 'node:path';

// Model Shelf's per-user state outside any store: what an export must remember while it writes
// somewhere the store cannot point to (export-partials.ts). Not in the store: exporting is a
// read-only operation there. `$XDG_STATE_HOME` wins everywhere (tests point it at a temp dir);
// otherwise each system's usual place. (`env-paths` does this too; it is not a dependency yet.)

export function userStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'model-shelf');
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'model-shelf');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'model-shelf', 'State');
  return path.join(home, '.local', 'state', 'model-shelf');
}
