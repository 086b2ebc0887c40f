import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { ShelfError } from '../shared/errors.ts';
import { checkRemoteName, type RemoteSpec } from './remote-spec.ts';

// One file shared by the CLI and the window. It holds where each remote is and never a secret:
// keys come from the AWS chain at the moment of use (issue 10, "Credentials and safety").

/** `$MODEL_SHELF_REMOTES_FILE`, else `<user config dir>/model-shelf/remotes.json`. */
export function remotesFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MODEL_SHELF_REMOTES_FILE) return path.resolve(env.MODEL_SHELF_REMOTES_FILE);
  const home = env.HOME ?? os.homedir();
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || path.join(home, '.config');
  return path.join(base, 'model-shelf', 'remotes.json');
}

const specSchema = z.object({
  name: z.string(),
  url: z.string(),
  bucket: z.string(),
  prefix: z.string(),
  endpoint: z.string().optional(),
  region: z.string().optional(),
  profile: z.string().optional(),
  allowHttp: z.boolean().optional(),
});
const fileSchema = z.object({ version: z.literal(1), remotes: z.array(specSchema) });

export async function loadRemotes(file: string): Promise<RemoteSpec[]> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ShelfError('IO', `The remotes file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`, { cause: error });
  }
  try {
    return fileSchema.parse(JSON.parse(text)).remotes.map((r) => ({ ...r }));
  } catch (error) {
    throw new ShelfError('IO', `The remotes file ${file} is not valid; fix or delete it and add the remotes again.`, { cause: error });
  }
}

async function saveRemotes(file: string, remotes: readonly RemoteSpec[]): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, remotes }, null, 2)}\n`, { mode: 0o600 });
}

export async function findRemote(file: string, name: string): Promise<RemoteSpec> {
  const found = (await loadRemotes(file)).find((r) => r.name === name);
  if (!found) throw new ShelfError('NOT_FOUND', `There is no remote named '${name}'; run \`model-shelf remote list\` to see them, or add it with \`model-shelf remote add\`.`);
  return found;
}

export async function addRemote(file: string, spec: RemoteSpec): Promise<void> {
  const remotes = await loadRemotes(file);
  if (remotes.some((r) => r.name === spec.name)) {
    throw new ShelfError('ALREADY_EXISTS', `A remote named '${spec.name}' already exists; remove it first with \`model-shelf remote remove ${spec.name}\` or choose another name.`, {
      details: { field: 'name', fix: 'other-name', name: spec.name },
    });
  }
  await saveRemotes(file, [...remotes, spec]);
}

export async function removeRemote(file: string, name: string): Promise<void> {
  checkRemoteName(name);
  const remotes = await loadRemotes(file);
  if (!remotes.some((r) => r.name === name)) {
    throw new ShelfError('NOT_FOUND', `There is no remote named '${name}'; run \`model-shelf remote list\` to see them.`);
  }
  await saveRemotes(file, remotes.filter((r) => r.name !== name));
}
