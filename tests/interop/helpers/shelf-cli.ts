// The `model-shelf` CLI as a child process (Node 24 runs the .ts sources directly).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, type ProcessResult } from './process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI_ENTRY = resolve(ROOT, 'src-main', 'cli', 'main.ts');

export function shelfCli(home: string, args: string[]): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', COLUMNS: '10000', NO_COLOR: '1' };
  delete env.BENTOML_HOME;
  return runProcess(process.execPath, [CLI_ENTRY, '--home', home, ...args], { env, cwd: home });
}
