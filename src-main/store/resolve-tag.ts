import fsp from 'node:fs/promises';
import path from 'node:path';
import { ShelfError } from '../shared/errors.ts';
import type { ModelVersion } from '../shared/model-types.ts';
import { parseTag } from '../shared/tag-rules.ts';
import { storePaths } from './home.ts';
import { pickLatest, readLatest, writeLatest } from './latest-pointer.ts';
import { versionTimes } from './latest-rule.ts';
import { withNameLock } from './store-lock.ts';
import { loadVersion } from './version-reader.ts';

async function isDir(p: string): Promise<boolean> {
  return fsp.stat(p).then((s) => s.isDirectory(), () => false);
}

async function one(modelsDir: string, name: string, version: string, latest: boolean): Promise<ModelVersion> {
  const loaded = await loadVersion(modelsDir, name, version);
  return { ...loaded.version, latest };
}

/**
 * `get(name)` / `name:latest` (§2.2): follow the pointer; when it is missing, empty, stale or not a
 * file, take the greatest creation_time (ties: first version, like _recreate_latest) and rewrite the
 * pointer atomically. A pointer with a trailing newline is followed and rewritten without it.
 */
async function resolveLatest(home: string, name: string): Promise<ModelVersion> {
  const paths = storePaths(home);
  const nameDir = path.join(paths.models, name);
  const read = await readLatest(nameDir);
  if (read.state === 'ok' && read.version) return one(paths.models, name, read.version, true);
  let target = read.version;
  if (target === null) {
    // Only creation times are needed: no full scan (which would stat every file for sizes).
    target = pickLatest(await versionTimes(nameDir), 'first');
    if (target === null) {
      throw new ShelfError('NOT_FOUND', `Model '${name}' has no version that can be loaded in ${paths.models}. Run \`model-shelf list ${name}\` to see what is wrong.`);
    }
  }
  const chosen = target;
  // Best effort: a read-only store or a busy lock must not stop a read.
  await withNameLock(paths, name, async () => {
    const again = await readLatest(nameDir);
    if (again.state === 'ok') return;
    const stat = await fsp.lstat(path.join(nameDir, 'latest')).catch(() => null);
    if (stat?.isDirectory()) return; // a real directory named `latest` is a person's to sort out
    await writeLatest(nameDir, chosen);
  }, { timeoutMs: 2000 }).catch(() => undefined);
  return one(paths.models, name, chosen, true);
}

/** name, name:latest, exact version, or a unique version prefix (§2.3). */
export async function resolveTag(home: string, input: string): Promise<ModelVersion> {
  const { name, version } = parseTag(input.trim());
  const modelsDir = storePaths(home).models;
  const nameDir = path.join(modelsDir, name);
  if (!(await isDir(nameDir))) {
    throw new ShelfError('NOT_FOUND', `There is no model named '${name}' in ${modelsDir}. Run \`model-shelf list\` to see the models there.`);
  }
  if (version === null || version === 'latest') return resolveLatest(home, name);
  const pointer = await readLatest(nameDir);
  if (await isDir(path.join(nameDir, version))) return one(modelsDir, name, version, pointer.version === version);
  const entries = await fsp.readdir(nameDir, { withFileTypes: true }).catch(() => []);
  const matches: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(version) && (e.isDirectory() || (e.isSymbolicLink() && (await isDir(path.join(nameDir, e.name)))))) matches.push(e.name);
  }
  matches.sort();
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return one(modelsDir, name, only, pointer.version === only);
  if (matches.length > 1) {
    const candidates = matches.map((v) => `${name}:${v}`);
    throw new ShelfError('AMBIGUOUS', `Several versions of ${name} start with '${version}': ${matches.join(', ')}. Give more characters of the version.`, {
      details: { candidates },
    });
  }
  throw new ShelfError('NOT_FOUND', `Model '${name}:${version}' was not found in ${modelsDir}. Run \`model-shelf list ${name}\` to see its versions.`);
}
