import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { loadStream, type VersionContent } from '../store/index.ts';
import type { ListedVersion } from './remote-listing.ts';
import type { RemoteSpec } from './remote-spec.ts';
import { isMissingObject, isPreconditionFailed } from './s3-errors.ts';
import { putSidecar, repairedSidecar, type Sidecar } from './sidecar.ts';
import { SidecarCache } from './sidecar-cache.ts';
import { sidecarKey } from './remote-layout.ts';

// A push killed after its archive completed (the multipart complete is atomic) but before its
// sidecar was written leaves an archive without a record, so a pull could not check its SHA-256.
// The next push of the same version repairs it from the object itself: one GET streamed through
// SHA-256 and the archive reader (never buffered), then a conditional create of the sidecar.
// A sidecar object that is there but unusable (damaged: not a record we can read; stale: a record
// of other bytes) is replaced the same way, conditionally on its own ETag (If-Match), so a good
// record written meanwhile is never replaced and two repairers still never fight.

/** Only files and their sizes, in path order: BentoML writes members in name order, we in folder order. */
function filesKey(content: VersionContent): string {
  return content.files
    .filter((f) => !f.path.endsWith('/'))
    .map((f) => `${f.path}\0${f.size}`)
    .sort()
    .join('\n');
}

/** True when an archive's content is the local version's (same model.yaml bytes, same files and sizes, any order). */
export function sameVersionContent(a: VersionContent, b: VersionContent): boolean {
  return a.modelYaml === b.modelYaml && filesKey(a) === filesKey(b);
}

export type RepairResult = { readonly kind: 'written' | 'written-by-another'; readonly sidecar: Sidecar } | { readonly kind: 'differs' };

/**
 * Reads the whole archive `v` (If-Match its listed ETag), and when its content is `local`'s
 * writes its sidecar only if none exists yet (If-None-Match: *) or, when the listing found an
 * unusable one (`v.badRecord`), only over that very object (If-Match its ETag): two repairers
 * never fight, and a record written meanwhile stands.
 */
export async function repairSidecar(client: S3Client, remote: RemoteSpec, v: ListedVersion, local: VersionContent, opts: { signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}): Promise<RepairResult> {
  const { signal } = opts;
  const res = await client.send(new GetObjectCommand({ Bucket: remote.bucket, Key: v.key, IfMatch: `"${v.etag}"` }), signal ? { abortSignal: signal } : {});
  const hash = createHash('sha256');
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const body = res.Body as Readable;
  body.on('error', (e: Error) => hashing.destroy(e));
  const { readArchiveContent } = await loadStream();
  const content = await readArchiveContent(body.pipe(hashing), `${v.name}/${v.version}.bentomodel`, signal);
  if (!sameVersionContent(content, local)) return { kind: 'differs' };
  const sidecar = repairedSidecar(v.name, v.version, { size, sha256: hash.digest('hex'), etag: v.etag, lastModified: v.lastModified }, content);
  try {
    let etag: string | null;
    try {
      etag = await putSidecar(client, remote, sidecar, signal, v.badRecord ? { ifMatch: v.badRecord.etag } : { ifAbsent: true });
    } catch (error) {
      // The unusable record was deleted meanwhile: create it, still only if nobody else has.
      if (!(v.badRecord && isMissingObject(error))) throw error;
      etag = await putSidecar(client, remote, sidecar, signal, { ifAbsent: true });
    }
    // Only our own write is recorded: another's sidecar is left for the next listing to read.
    await SidecarCache.remember(remote, sidecarKey(remote, v.name, v.version), etag, sidecar, opts.env);
    return { kind: 'written', sidecar };
  } catch (error) {
    // Another push wrote it first (its own, or the same repair), or replaced the unusable one: that one stands.
    if (isPreconditionFailed(error)) return { kind: 'written-by-another', sidecar };
    throw error;
  }
}
