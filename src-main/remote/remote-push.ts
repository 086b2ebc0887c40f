import { createHash } from 'node:crypto';
import { AbortMultipartUploadCommand, DeleteObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Transform } from 'node:stream';
import { isDeadHere, loadStream, ownerHost, parseStamp, type ModelStore, type VersionContent } from '../store/index.ts';
import { ShelfError } from '../shared/errors.ts';
import type { ModelVersion, ProgressEvent } from '../shared/model-types.ts';
import type { RemoteTransferResult } from '../shared/remote-types.ts';
import { listRemote, readModelYamlOnDemand, type ListedVersion } from './remote-listing.ts';
import { archiveKey, s3Uri, sidecarKey } from './remote-layout.ts';
import type { RemoteSpec } from './remote-spec.ts';
import { compareWithLocal } from './remote-versions.ts';
import { throttledProgress } from './progress-throttle.ts';
import { trackRequests } from './request-tracker.ts';
import { isMissingObject, isMissingUpload, isPreconditionFailed, remoteError } from './s3-errors.ts';
import { s3Client } from './s3-client.ts';
import { newSidecar, putSidecar } from './sidecar.ts';
import { SidecarCache } from './sidecar-cache.ts';
import { repairSidecar } from './sidecar-repair.ts';
import { takeLease } from './upload-leases.ts';

export interface TransferOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Progress id (the window's task id); a random one when absent. */
  readonly id?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export type TransferOutcome = RemoteTransferResult;

const MIB = 1024 * 1024;

/** Part size for an upload of at most `bound` bytes: S3 allows 10,000 parts, so large models get larger parts. */
function partSizeFor(bound: number): number {
  return Math.max(8 * MIB, Math.ceil((bound * 1.02 + MIB) / 9_000));
}

async function listedAt(client: S3Client, remote: RemoteSpec, name: string, version: string, signal?: AbortSignal, env?: NodeJS.ProcessEnv): Promise<ListedVersion | undefined> {
  return (await listRemote(client, remote, { name, ...(signal ? { signal } : {}), ...(env ? { env } : {}) })).find((l) => l.version === version);
}

/** How long a push whose writer may still be alive gets to write its own sidecar before it is repaired. */
const SIDECAR_GRACE_MS = 30_000;
/** A foreign machine's push older than this is not waited for (its sidecar PUT follows its complete at once). */
const FOREIGN_GRACE_MS = 10 * 60_000;

/** True when the archive's writer (its owner stamp) may still be about to write the sidecar. */
function writerMayBeAlive(owner: string | undefined, lastModified: Date): boolean {
  if (owner === undefined) return false; // BentoML's export (or another tool): no sidecar is coming
  const stamp = parseStamp(owner);
  if (stamp === null) return false;
  if (stamp.host === ownerHost()) return !isDeadHere(stamp);
  return Date.now() - lastModified.getTime() < FOREIGN_GRACE_MS;
}

/**
 * "already there" or a refusal, for a version the remote already holds. An archive that has no
 * sidecar (a push killed between the two, or BentoML's export of this very version) gets one,
 * read from the object itself, once its writer can no longer be writing it.
 */
async function judgeExisting(client: S3Client, remote: RemoteSpec, existing: ListedVersion, local: VersionContent, tag: string, opts: { signal?: AbortSignal; env?: NodeJS.ProcessEnv; owner?: string } = {}): Promise<TransferOutcome> {
  const { signal } = opts;
  if (existing.sidecar === null) await readModelYamlOnDemand(client, remote, existing, signal);
  if (compareWithLocal(existing, local) === 'local') {
    const there = { tag, uri: s3Uri(remote, existing.key), outcome: 'already-there', bytes: 0 } as const;
    if (existing.sidecar !== null) return { ...there, sha256: existing.sidecar.sha256 };
    // A newer Model Shelf's record is not ours to rewrite in an older format.
    if (existing.badRecord?.kind === 'newer') return { ...there, sha256: null };
    if (writerMayBeAlive(opts.owner, existing.lastModified)) {
      // Another push of this version is between its complete and its sidecar: let it finish.
      for (let waited = 0; waited < SIDECAR_GRACE_MS; waited += 500) {
        await new Promise((r) => setTimeout(r, 500));
        const again = await listedAt(client, remote, existing.name, existing.version, signal, opts.env);
        if (again?.sidecar) return judgeExisting(client, remote, again, local, tag, { ...opts, owner: undefined });
      }
    }
    const repaired = await repairSidecar(client, remote, existing, local, { ...(signal ? { signal } : {}), ...(opts.env ? { env: opts.env } : {}) });
    if (repaired.kind !== 'differs') {
      const bad = existing.badRecord?.kind;
      const replaced = repaired.kind === 'written' && (bad === 'damaged' || bad === 'stale') ? { recordReplaced: bad } : {};
      return { ...there, sha256: repaired.sidecar.sha256, ...(repaired.kind === 'written' ? { recordWritten: true, ...replaced } : {}) };
    }
  }
  throw new ShelfError(
    'ALREADY_EXISTS',
    `Remote '${remote.name}' already has '${tag}' with different content; nothing was pushed. Pull it under another store to compare, or delete it on the remote first if yours is the right one.`,
  );
}

/**
 * Pushes one local version: the export streams through a SHA-256 into a multipart upload that
 * only completes if the key is still free (If-None-Match: *), then the sidecar is written. A
 * cancel or a failure aborts the upload, so no object appears; a crash leaves an upload that
 * the next push reclaims (upload-leases.ts).
 */
export async function pushVersion(client: S3Client, remote: RemoteSpec, store: ModelStore, version: ModelVersion, opts: TransferOptions = {}): Promise<TransferOutcome> {
  const key = archiveKey(remote, version.name, version.version);
  const stream = await loadStream();
  const local = await stream.versionContent(version);
  const existing = await client.send(new HeadObjectCommand({ Bucket: remote.bucket, Key: key })).then(
    (head) => head,
    (e: unknown) => {
      if (isMissingObject(e)) return null;
      throw e;
    },
  );
  if (existing) {
    const listed = await listedAt(client, remote, version.name, version.version, opts.signal, opts.env);
    const owner = existing.Metadata?.['model-shelf-owner'];
    if (listed) return judgeExisting(client, remote, listed, local, version.tag, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.env ? { env: opts.env } : {}), ...(owner ? { owner } : {}) });
  }
  const id = opts.id ?? `push-${version.tag}`;
  let fileBytes = 0;
  let totalBytes = version.size;
  const progress = throttledProgress(id, version.tag, opts.onProgress);
  // Counted as the model's files are read into the upload (the archive's size is not known before).
  const report = (phase: ProgressEvent['phase']): void => progress(phase, fileBytes, totalBytes);
  const hash = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const body = await stream.bentomodelStream(version, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    onBytes: (n) => {
      fileBytes += n;
      report('uploading');
    },
  });
  totalBytes = body.fileBytes;
  // At once, not after the lease: an export that fails (or is cancelled) while the lease is taken
  // must end the upload's body, or lib-storage waits for the rest of it forever.
  body.stream.on('error', (e: Error) => hashing.destroy(e));
  // lib-storage hears the error through its reading; before done() nobody reads (a cancel then is thrown below).
  hashing.on('error', () => undefined);
  const lease = await takeLease(client, remote, key).catch((e: unknown) => {
    body.stream.destroy();
    throw e;
  });
  const pushClient = s3Client(remote, opts.env);
  const tracker = trackRequests(pushClient, (uploadId) => lease.record(uploadId));
  const upload = new Upload({
    client: pushClient,
    partSize: partSizeFor(body.fileBytes),
    queueSize: 4,
    params: {
      Bucket: remote.bucket,
      Key: key,
      Body: body.stream.pipe(hashing),
      ContentType: 'application/x-xz',
      // Two pushes of the same tag at once: the second to complete is refused instead of replacing the first.
      IfNoneMatch: '*',
      Metadata: { 'model-shelf-owner': lease.stamp },
    },
  });
  upload.on('httpUploadProgress', () => report('uploading'));
  const onAbort = (): void => {
    tracker.stop();
    void upload.abort();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // A cancel that came while the export started or the lease was taken fired before this
    // listener, and lib-storage only hears an abort that comes after done() began: without this
    // check the upload waited forever (and the window's close with it) for a body that had stopped.
    opts.signal?.throwIfAborted();
    report('uploading');
    const result = await upload.done();
    tracker.uploadIds.clear(); // completed: nothing of ours is left open
    const sha256 = hash.digest('hex');
    const etag = (result.ETag ?? '').replace(/^"|"$/g, '');
    const sidecar = newSidecar(version.name, version.version, { size: bytes, sha256, etag }, local);
    const sidecarEtag = await putSidecar(client, remote, sidecar);
    // The listing that usually follows a push then needs no GET for this sidecar.
    await SidecarCache.remember(remote, sidecarKey(remote, version.name, version.version), sidecarEtag, sidecar, opts.env);
    report('done');
    return { tag: version.tag, uri: s3Uri(remote, key), outcome: 'done', bytes, sha256 };
  } catch (error) {
    tracker.stop();
    body.stream.destroy();
    await upload.abort();
    // lib-storage sends parts without our signal: closing the push's own client ends the parts in
    // flight at once (a slow or dead network would otherwise hold a cancel for minutes), then the
    // uploads we saw created are aborted through the other client.
    pushClient.destroy();
    await tracker.settle();
    for (const uploadId of tracker.uploadIds) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: remote.bucket, Key: key, UploadId: uploadId })).then(
        () => tracker.uploadIds.delete(uploadId),
        (e: unknown) => (isMissingUpload(e) ? tracker.uploadIds.delete(uploadId) : undefined),
      );
    }
    // A small model goes up in one PUT that lib-storage cannot cancel; ours (If-None-Match) is removed again.
    if (opts.signal?.aborted && tracker.putCompleted) await client.send(new DeleteObjectCommand({ Bucket: remote.bucket, Key: key })).catch(() => undefined);
    if (opts.signal?.aborted) throw new ShelfError('ABORTED', `The push of '${version.tag}' was cancelled; nothing was written to remote '${remote.name}'.`, { cause: error });
    if (isPreconditionFailed(error)) return settleRace(client, remote, version, local, opts.signal);
    throw remoteError(error, remote, `the upload of '${version.tag}'`);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    // An unanswered create may have made an upload we cannot name: the lease stays, and the next
    // push reclaims uploads of this key started after it once this process is gone.
    // So may an upload whose abort failed (the network is down): the lease names it for the next push.
    if (!tracker.createUnanswered && tracker.uploadIds.size === 0) await lease.release();
    pushClient.destroy();
  }
}

/** Another push of the same tag completed first: wait for its sidecar, then judge like an existing version. */
async function settleRace(client: S3Client, remote: RemoteSpec, version: ModelVersion, local: VersionContent, signal?: AbortSignal): Promise<TransferOutcome> {
  for (let i = 0; i < 60; i++) {
    const listed = await listedAt(client, remote, version.name, version.version, signal);
    if (listed?.sidecar) return judgeExisting(client, remote, listed, local, version.tag, signal ? { signal } : {});
    await new Promise((r) => setTimeout(r, 500));
  }
  const listed = await listedAt(client, remote, version.name, version.version, signal);
  if (listed) return judgeExisting(client, remote, listed, local, version.tag, signal ? { signal } : {});
  throw new ShelfError('BUSY', `Another push of '${version.tag}' to remote '${remote.name}' finished at the same moment; run \`model-shelf remote ls ${remote.name} ${version.name}\` to check it, then push again if needed.`);
}
