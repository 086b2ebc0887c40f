import { AbortMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isAbandoned, newStamp, parseStamp } from '../store/index.ts';
import { leasePrefix } from './remote-layout.ts';
import type { RemoteSpec } from './remote-spec.ts';

// A push writes a small lease object, `PREFIX/.model-shelf/pushes/<owner stamp>.json`, before it
// creates its multipart upload and records the upload id in it as soon as the server gives one
// (request-tracker.ts). ListMultipartUploads shows neither owner nor metadata, so the lease is
// how the next push recognises a dead push's upload as ours: its owner stamp (host-pid-random,
// the store's own stamp) names a process of this machine that is gone, or another machine's push
// untouched for a day (FOREIGN_MAX_AGE_MS). Uploads nobody leased (BentoML's, other tools') are never touched.

interface LeaseBody {
  readonly key: string;
  readonly startedAt: string;
  readonly uploadId: string | null;
}

export interface Lease {
  readonly stamp: string;
  record(uploadId: string): Promise<void>;
  release(): Promise<void>;
}

export async function takeLease(client: S3Client, remote: RemoteSpec, key: string): Promise<Lease> {
  const stamp = newStamp();
  const leaseKey = `${leasePrefix(remote)}${stamp}.json`;
  const startedAt = new Date().toISOString();
  const put = (uploadId: string | null): Promise<unknown> =>
    client.send(new PutObjectCommand({ Bucket: remote.bucket, Key: leaseKey, Body: JSON.stringify({ key, startedAt, uploadId } satisfies LeaseBody), ContentType: 'application/json' }));
  await put(null);
  return {
    stamp,
    record: async (uploadId) => void (await put(uploadId)),
    release: async () => void (await client.send(new DeleteObjectCommand({ Bucket: remote.bucket, Key: leaseKey })).catch(() => undefined)),
  };
}

async function readLease(client: S3Client, remote: RemoteSpec, key: string): Promise<LeaseBody | null> {
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: remote.bucket, Key: key }));
    const body = JSON.parse((await res.Body?.transformToString('utf8')) ?? '') as Partial<LeaseBody>;
    return typeof body.key === 'string' && typeof body.startedAt === 'string' ? { key: body.key, startedAt: body.startedAt, uploadId: typeof body.uploadId === 'string' ? body.uploadId : null } : null;
  } catch {
    return null;
  }
}

/** Aborts the multipart uploads that dead pushes of ours left on this remote; returns how many. */
export async function reclaimDeadUploads(client: S3Client, remote: RemoteSpec, now = Date.now()): Promise<number> {
  const prefix = leasePrefix(remote);
  const leases = (await client.send(new ListObjectsV2Command({ Bucket: remote.bucket, Prefix: prefix }))).Contents ?? [];
  const dead: { leaseKey: string; body: LeaseBody }[] = [];
  for (const o of leases) {
    if (!o.Key?.endsWith('.json')) continue;
    const owner = parseStamp(o.Key.slice(prefix.length, -'.json'.length));
    if (!isAbandoned(owner, o.LastModified?.getTime() ?? now, now)) continue;
    const body = await readLease(client, remote, o.Key);
    if (body) dead.push({ leaseKey: o.Key, body });
  }
  if (dead.length === 0) return 0;
  let aborted = 0;
  const uploads = (await client.send(new ListMultipartUploadsCommand({ Bucket: remote.bucket, Prefix: remote.prefix === '' ? undefined : `${remote.prefix}/` }))).Uploads ?? [];
  for (const { leaseKey, body } of dead) {
    const started = Date.parse(body.startedAt) - 60_000;
    const mine = uploads.filter((u) => u.Key === body.key && (body.uploadId !== null ? u.UploadId === body.uploadId : (u.Initiated?.getTime() ?? 0) >= started));
    for (const u of mine) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: remote.bucket, Key: body.key, UploadId: u.UploadId })).catch(() => undefined);
      aborted++;
    }
    await client.send(new DeleteObjectCommand({ Bucket: remote.bucket, Key: leaseKey })).catch(() => undefined);
  }
  return aborted;
}
