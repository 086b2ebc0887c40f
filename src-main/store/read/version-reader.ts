import path from 'node:path';
import { isShelfError } from '../../shared/errors.ts';
import type { ModelVersion, StoreProblem } from '../../shared/model-types.ts';
import { parseCreationTime } from '../yaml/creation-time.ts';
import { dirSize, dirSizeSync } from './dir-size.ts';
import { isOversized, oversizedYamlReason, readCapped, readCappedSync, type CappedRead } from '../yaml/model-yaml-limits.ts';
import { parseModelYaml, type ModelInfo } from '../yaml/model-yaml.ts';
import { oversizedYamlAdvice, versionAdvice } from './problem-advice.ts';

export interface LoadedVersion {
  /** `latest` is filled in by the caller, once the name's pointer is known. */
  readonly version: Omit<ModelVersion, 'latest'>;
  readonly info: ModelInfo | null;
  readonly problems: StoreProblem[];
  /** Exact instant for ordering (epoch µs); -Infinity when unknown. */
  readonly micros: number;
}

function problemFor(rel: string, kind: StoreProblem['kind'], reason: string, fix: string): StoreProblem {
  return { kind, path: rel, message: `${rel}: ${reason}`, fix, safeToFix: false };
}

/** Bytes on disk of a version whose model.yaml was read (or only sized, when over the cap). */
const readSize = (read: CappedRead): number => (Buffer.isBuffer(read) ? read.length : isOversized(read) ? read.oversized : 0);

/**
 * Synchronous: on a warm cache a scan of thousands of versions is dominated by the per-call cost of
 * the promise fs API; scan.ts yields to the event loop between small batches.
 */
export function loadVersionSync(modelsDir: string, name: string, version: string): LoadedVersion {
  const dir = path.join(modelsDir, name, version);
  const bytes = readCappedSync(dir + path.sep + 'model.yaml');
  // The read already knows model.yaml's size: one stat fewer per version (it adds up over 10,000).
  const size = bytes instanceof Error ? dirSizeSync(dir) : dirSizeSync(dir, 'model.yaml') + readSize(bytes);
  return describeVersion(dir, name, version, bytes, size);
}

/** The same with parallel promise calls: faster when the disk, not the CPU, is the limit (cold cache). */
export async function loadVersion(modelsDir: string, name: string, version: string): Promise<LoadedVersion> {
  const dir = path.join(modelsDir, name, version);
  const [bytes, rest] = await Promise.all([
    readCapped(path.join(dir, 'model.yaml')),
    dirSize(dir, 'model.yaml'),
  ]);
  const size = bytes instanceof Error ? await dirSize(dir) : rest + readSize(bytes);
  return describeVersion(dir, name, version, bytes, size);
}

/** A version from its model.yaml bytes (already read) and its size; prune uses it with its own walk's size. */
export function describeVersion(dir: string, name: string, version: string, bytes: CappedRead, size: number): LoadedVersion {
  const rel = `models/${name}/${version}`;
  // The version's own problem text is the reason plus what to do, the same advice list and repair give.
  const fail = (status: 'incomplete' | 'broken', reason: string, fix = versionAdvice(status, name, version), kind: StoreProblem['kind'] = status === 'incomplete' ? 'incomplete-version' : 'broken-version'): LoadedVersion => ({
    version: { tag: `${name}:${version}`, name, version, size, path: dir, module: '', apiVersion: '', labels: {}, metadata: {}, creationTime: '', creationTimeMs: Number.NaN, status, problem: `${reason} ${fix}` },
    info: null,
    problems: [problemFor(rel, kind, reason, fix)],
    micros: Number.NEGATIVE_INFINITY,
  });
  // Over the cap it is neither read nor parsed (that would make our list as slow as BentoML's):
  // shown as broken, with what it does to BentoML and what to do.
  if (isOversized(bytes)) return fail('broken', oversizedYamlReason(bytes.oversized), oversizedYamlAdvice(path.dirname(path.dirname(dir)), name, version), 'oversized-model-yaml');
  const text = bytes instanceof Error ? bytes : bytes.toString('utf8');
  if (text instanceof Error) {
    return text.code === 'ENOENT'
      ? fail('incomplete', "model.yaml is missing: the version is still being written or its save was interrupted, and `bentoml models list` fails while it is like this.")
      : fail('broken', `model.yaml cannot be read (${text.code ?? text.message}).`);
  }
  let info: ModelInfo;
  try {
    info = parseModelYaml(text);
  } catch (error) {
    return fail('broken', isShelfError(error) ? error.message : String(error));
  }
  // BentoML reports the tag inside model.yaml, the directories decide where it is (§2.1, §10.5).
  if (info.name !== name || info.version !== version) {
    return fail('broken', `model.yaml names it '${info.name}:${info.version}', not '${name}:${version}'; BentoML would list and delete the wrong model.`);
  }
  const time = parseCreationTime(info.creation_time);
  const problems: StoreProblem[] = [];
  if (time && !time.aware) {
    problems.push({
      kind: 'naive-time',
      path: rel,
      message: `${rel} has a creation_time without a UTC offset (${info.creation_time}); \`bentoml models list\` fails with a TypeError when other models have one.`,
      fix: 'Add +00:00 to creation_time in model.yaml by hand, or delete the version.',
      safeToFix: false,
    });
  }
  // One literal, fields in the order the spread of the base and okVersionFields(info) gave (this runs per version of every listing).
  return {
    version: {
      tag: `${name}:${version}`,
      name,
      version,
      size,
      path: dir,
      status: 'ok',
      module: info.module,
      apiVersion: info.api_version,
      labels: info.labels,
      metadata: info.metadata,
      creationTime: info.creation_time,
      creationTimeMs: time?.ms ?? Number.NaN,
    },
    info,
    problems,
    micros: time ? time.micros : Number.NEGATIVE_INFINITY,
  };
}
