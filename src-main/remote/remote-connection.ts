import { HeadBucketCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { basePrefix } from './remote-layout.ts';
import type { RemoteSpec } from './remote-spec.ts';
import { remoteError } from './s3-errors.ts';

/**
 * Proves a remote usable before it is saved: the credentials resolve, the endpoint answers,
 * the bucket exists and may be listed. Throws the one-sentence ShelfError of the first failure.
 */
export async function testConnection(client: S3Client, remote: RemoteSpec, signal?: AbortSignal): Promise<void> {
  const o = signal ? { abortSignal: signal } : {};
  try {
    await client.send(new HeadBucketCommand({ Bucket: remote.bucket }), o);
  } catch (error) {
    throw remoteError(error, remote, 'bucket');
  }
  try {
    await client.send(new ListObjectsV2Command({ Bucket: remote.bucket, Prefix: basePrefix(remote), MaxKeys: 1 }), o);
  } catch (error) {
    throw remoteError(error, remote, 'bucket');
  }
}
