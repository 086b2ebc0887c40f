import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isDeadHere, newStamp, ownerHost, parseStamp, type StorePaths } from '../store/index.ts';
import type { ListedVersion } from './remote-listing.ts';
import type { RemoteSpec } from './remote-spec.ts';

// The archive is downloaded into the store's staging folder, named
// `pullpart.<object id>.<owner stamp>.bentomodel`: the object id (a hash of the bucket, key, size and
// ETag) lets the next pull of the same object find it and go on with a ranged read, the owner
// stamp that a live pull's file is never taken over. The name is deliberately not a staging id
// (`kind-stamp`), so a create's start-up clean-up leaves it for the next pull; `repair` removes
// it after a day untouched like any unknown staging entry.

/** Interrupted downloads of objects at least this big are kept for a ranged resume. */
export function resumeMinBytes(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.MODEL_SHELF_RESUME_MIN_BYTES);
  return Number.isFinite(fromEnv) && fromEnv >= 0 && env.MODEL_SHELF_RESUME_MIN_BYTES !== '' ? fromEnv : 1024 ** 3;
}

function objectId(remote: RemoteSpec, v: ListedVersion): string {
  // Not the endpoint: the same bucket may be reached by another URL (a proxy, a new address); the
  // ranged read only succeeds while the object still has this ETag (If-Match).
  return createHash('sha256').update(`${remote.bucket}\n${v.key}\n${v.etag}\n${v.size}`).digest('hex').slice(0, 24);
}

export interface Download {
  readonly file: string;
  readonly sha256: string;
  /** Bytes found from an earlier interrupted pull (0 when it started from the beginning). */
  readonly resumedFrom: number;
}

const active = new Set<string>();

/** A dead pull's partial file of this very object, taken over under our own stamp. */
async function adoptPartial(paths: StorePaths, id: string, mine: string): Promise<number> {
  const names = await fsp.readdir(paths.staging).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^pullpart\.([0-9a-f]+)\.(.+)\.bentomodel$/.exec(name);
    const owner = parseStamp(m?.[2] ?? '');
    // This process's own file counts too once no pull of ours uses it (the window runs many pulls).
    const ownIdle = owner !== null && owner.host === ownerHost() && owner.pid === process.pid && !active.has(name);
    if (!m || m[1] !== id || !(isDeadHere(owner) || ownIdle)) continue;
    try {
      await fsp.rename(path.join(paths.staging, name), mine);
      return (await fsp.stat(mine)).size;
    } catch {
      continue; // another pull took it first
    }
  }
  return 0;
}

async function hashFile(file: string, hash: ReturnType<typeof createHash>): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/**
 * Downloads `v` into staging with its SHA-256 computed on the way (resuming a dead pull's
 * partial file with a ranged GET that only succeeds if the object is still the same ETag).
 * On failure the partial file is kept only for objects of at least resumeMinBytes and never
 * after a cancel; the caller removes `file` once imported.
 */
export async function downloadArchive(
  client: S3Client,
  remote: RemoteSpec,
  paths: StorePaths,
  v: ListedVersion,
  opts: { signal?: AbortSignal; onBytes?: (done: number) => void; env?: NodeJS.ProcessEnv } = {},
): Promise<Download> {
  await fsp.mkdir(paths.staging, { recursive: true });
  const id = objectId(remote, v);
  const file = path.join(paths.staging, `pullpart.${id}.${newStamp()}.bentomodel`);
  active.add(path.basename(file));
  const resumedFrom = Math.min(await adoptPartial(paths, id, file), v.size);
  const hash = createHash('sha256');
  if (resumedFrom > 0) {
    await fsp.truncate(file, resumedFrom);
    await hashFile(file, hash);
  }
  let done = resumedFrom;
  opts.onBytes?.(done);
  try {
    if (done < v.size || v.size === 0) {
      const res = await client.send(
        new GetObjectCommand({ Bucket: remote.bucket, Key: v.key, IfMatch: `"${v.etag}"`, ...(done > 0 ? { Range: `bytes=${done}-` } : {}) }),
        opts.signal ? { abortSignal: opts.signal } : {},
      );
      const counter = new Transform({
        transform(chunk: Buffer, _e, cb) {
          hash.update(chunk);
          done += chunk.length;
          opts.onBytes?.(done);
          cb(null, chunk);
        },
      });
      await pipeline(res.Body as Readable, counter, createWriteStream(file, { flags: done > 0 ? 'a' : 'w' }), opts.signal ? { signal: opts.signal } : {});
    }
    return { file, sha256: hash.digest('hex'), resumedFrom };
  } catch (error) {
    const keep = !opts.signal?.aborted && v.size >= resumeMinBytes(opts.env) && done > 0;
    if (!keep) await fsp.rm(file, { force: true });
    throw error;
  } finally {
    active.delete(path.basename(file));
  }
}
