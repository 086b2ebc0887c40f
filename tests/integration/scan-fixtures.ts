import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export { bentomlStyleYaml, writeLatestFile, writeVersion } from '../../bench/gen-store.ts';

export async function tempHome(prefix: string): Promise<string> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.mkdir(path.join(home, 'models'));
  return home;
}

export const time = (second: number, micros = 0): string =>
  `2025-03-14T09:26:${String(second).padStart(2, '0')}.${String(micros).padStart(6, '0')}+00:00`;
