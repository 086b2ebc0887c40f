import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { VersionContent } from '../store/index.ts';
import { MODEL_SHELF_VERSION } from '../shared/shelf-version.ts';
import { sidecarKey } from './remote-layout.ts';
import type { RemoteSpec } from './remote-spec.ts';

/** The small JSON object beside each archive that lets a listing skip the archive. */
export interface Sidecar {
  readonly format: 'model-shelf-sidecar/1';
  readonly name: string;
  readonly version: string;
  /** The archive's size and SHA-256 (hex), and the ETag the server gave it (a stale sidecar is ignored). */
  readonly size: number;
  readonly sha256: string;
  readonly etag: string;
  /** The version's model.yaml, byte for byte, and its files with sizes (VersionContent). */
  readonly modelYaml: string;
  readonly files: VersionContent['files'];
  readonly pushedBy: string;
  readonly pushedAt: string;
}

const sidecarSchema = z.object({
  format: z.literal('model-shelf-sidecar/1'),
  name: z.string(),
  version: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  etag: z.string(),
  modelYaml: z.string().max(4 << 20),
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative() })).max(1_000_000),
  pushedBy: z.string(),
  pushedAt: z.string(),
});

const MAX_SIDECAR_BYTES = 64 << 20;

export function newSidecar(name: string, version: string, archive: { size: number; sha256: string; etag: string }, content: VersionContent): Sidecar {
  return {
    format: 'model-shelf-sidecar/1',
    name,
    version,
    ...archive,
    modelYaml: content.modelYaml,
    files: content.files,
    pushedBy: `model-shelf ${MODEL_SHELF_VERSION}`,
    pushedAt: new Date().toISOString(),
  };
}

/** Writes the sidecar (after the archive is complete; the archive is what BentoML needs). */
export async function putSidecar(client: S3Client, remote: RemoteSpec, sidecar: Sidecar, signal?: AbortSignal): Promise<void> {
  await client.send(
    new PutObjectCommand({ Bucket: remote.bucket, Key: sidecarKey(remote, sidecar.name, sidecar.version), Body: JSON.stringify(sidecar), ContentType: 'application/json' }),
    signal ? { abortSignal: signal } : {},
  );
}

/** The sidecar of a key, or null when it is missing, unreadable or not ours (then the archive is read instead). */
export async function getSidecar(client: S3Client, remote: RemoteSpec, key: string, signal?: AbortSignal): Promise<Sidecar | null> {
  let text: string;
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: remote.bucket, Key: key }), signal ? { abortSignal: signal } : {});
    if ((res.ContentLength ?? 0) > MAX_SIDECAR_BYTES) return null;
    text = (await res.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
  try {
    return sidecarSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}
