import fsp from 'node:fs/promises';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { ModelVersion, StoreProblem } from '../../shared/model-types.ts';
import { parseTag } from '../../shared/tag-rules.ts';
import { storePaths } from '../paths/home.ts';
import { latestFailureSentence } from '../latest/latest-problem.ts';
import { latestStatusOnDisk } from '../latest/latest-status.ts';
import { loadVersion } from './version-reader.ts';
import { isDirectory, isDirectoryEntry } from '../paths/fs-probe.ts';

// Resolving a tag only reads (issue 8): `latest` is resolved in memory the way BentoML's get would
// (latest-resolve.ts) and a bad pointer is reported, never rewritten; `repair` and the writers fix it.

export interface ResolvedTag {
  readonly version: ModelVersion;
  /** For `name` / `name:latest`: what is wrong with the pointer BentoML would have had to work around. */
  readonly latestProblem: StoreProblem | null;
}

async function one(modelsDir: string, name: string, version: string, latest: boolean): Promise<ModelVersion> {
  const loaded = await loadVersion(modelsDir, name, version);
  return { ...loaded.version, latest };
}

/** name, name:latest, exact version, or a unique version prefix (§2.3), with the pointer's problem. */
export async function resolveTagReporting(home: string, input: string): Promise<ResolvedTag> {
  const { name, version } = parseTag(input.trim());
  const modelsDir = storePaths(home).models;
  const nameDir = path.join(modelsDir, name);
  if (!(await isDirectory(nameDir))) {
    throw new ShelfError('NOT_FOUND', `There is no model named '${name}' in ${modelsDir}. Run \`model-shelf list\` to see the models there.`);
  }
  if (version === null || version === 'latest') {
    const latest = latestStatusOnDisk(modelsDir, name);
    if (latest.version === null) throw new ShelfError('BROKEN_MODEL', latestFailureSentence(name, latest.problem));
    return { version: await one(modelsDir, name, latest.version, true), latestProblem: latest.problem };
  }
  const found = await findVersion(modelsDir, name, version);
  return { version: await one(modelsDir, name, found, latestStatusOnDisk(modelsDir, name).version === found), latestProblem: null };
}

export async function resolveTag(home: string, input: string): Promise<ModelVersion> {
  return (await resolveTagReporting(home, input)).version;
}

/** An exact version directory, else the one directory starting with `prefix` (BentoML's glob). */
async function findVersion(modelsDir: string, name: string, prefix: string): Promise<string> {
  const nameDir = path.join(modelsDir, name);
  if (await isDirectory(path.join(nameDir, prefix))) return prefix;
  const entries = await fsp.readdir(nameDir, { withFileTypes: true }).catch(() => []);
  const matches: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(prefix) && (await isDirectoryEntry(nameDir, e))) matches.push(e.name);
  }
  matches.sort();
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length > 1) {
    const candidates = matches.map((v) => `${name}:${v}`);
    throw new ShelfError('AMBIGUOUS', `Several versions of ${name} start with '${prefix}': ${matches.join(', ')}. Give more characters of the version.`, {
      details: { candidates },
    });
  }
  throw new ShelfError('NOT_FOUND', `Model '${name}:${prefix}' was not found in ${modelsDir}. Run \`model-shelf list ${name}\` to see its versions.`);
}
