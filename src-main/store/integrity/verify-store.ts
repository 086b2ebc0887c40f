import type { ModelVersion, ProgressEvent } from '../../shared/model-types.ts';
import type { StorePaths } from '../paths/home.ts';
import { resolveTag } from '../read/resolve-tag.ts';
import { scanStore } from '../read/scan.ts';
import { planVerify, verifyPlanned, type VerifyResult } from './verify-version.ts';
import { abortedError } from '../paths/fs-errors.ts';

export interface VerifyOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Progress id. */
  readonly id?: string;
}

/** The versions named by `tags` (each resolved like `get`), or every version of the store. */
export async function versionsToVerify(paths: StorePaths, tags: readonly string[]): Promise<ModelVersion[]> {
  if (tags.length === 0) return (await scanStore(paths.home)).versions;
  const seen = new Map<string, ModelVersion>();
  for (const tag of tags) {
    const v = await resolveTag(paths.home, tag);
    seen.set(v.tag, v);
  }
  return [...seen.values()];
}

/** Verifies versions one after the other; progress counts the bytes of all of them. */
export async function verifyVersions(paths: StorePaths, versions: readonly ModelVersion[], opts: VerifyOptions = {}): Promise<VerifyResult[]> {
  const id = opts.id ?? 'verify';
  const plans = [];
  opts.onProgress?.({ id, phase: 'scanning', bytesDone: 0, bytesTotal: 0 });
  for (const v of versions) {
    if (opts.signal?.aborted) throw abortedError();
    plans.push(await planVerify(v));
  }
  const total = plans.reduce((sum, p) => sum + p.bytes, 0);
  let done = 0;
  let last = 0;
  const onBytes = (n: number): void => {
    done += n;
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    opts.onProgress?.({ id, phase: 'hashing', bytesDone: done, bytesTotal: total });
  };
  const results: VerifyResult[] = [];
  for (const plan of plans) {
    if (opts.signal?.aborted) throw abortedError();
    opts.onProgress?.({ id, phase: 'hashing', bytesDone: done, bytesTotal: total, current: plan.version.tag });
    results.push(await verifyPlanned(paths, plan, { ...(opts.signal ? { signal: opts.signal } : {}), onBytes }));
  }
  opts.onProgress?.({ id, phase: 'done', bytesDone: done, bytesTotal: total });
  return results;
}
