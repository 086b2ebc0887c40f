import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
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
  /** When the archive was pushed: the push's clock, or the object's Last-Modified for a repaired record. */
  readonly pushedAt: string;
  /**
   * Where `sha256`, `files` and `modelYaml` come from: 'push' (the bytes as they were uploaded,
   * the default; older sidecars lack the field) or 'remote-object' (a later push found the
   * archive without its sidecar, after a crash, and read the object on the server at `hashedAt`).
   * Either way a pull checks the download against `sha256`; 'remote-object' only vouches for
   * the bytes from `hashedAt` on, and its content was checked against the pusher's local version.
   * Any other value (a newer Model Shelf's) is kept as it is and means "unknown" here: the
   * record's hashes are still used, so a newer writer never makes pulls go unchecked.
   */
  readonly hashedFrom?: string;
  readonly hashedAt?: string;
}

export const sidecarSchema = z.object({
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
  // Not an enum: an unknown value must not make the whole record (and its hashes) be dropped.
  hashedFrom: z.string().optional(),
  hashedAt: z.string().optional(),
});

/** Longer than any record we write (model.yaml ≤ 4 MiB, a million file entries); a longer body is not read. */
export const MAX_SIDECAR_BYTES = 64 << 20;

export function newSidecar(name: string, version: string, archive: { size: number; sha256: string; etag: string }, content: VersionContent): Sidecar {
  const now = new Date().toISOString();
  return {
    format: 'model-shelf-sidecar/1',
    name,
    version,
    ...archive,
    modelYaml: content.modelYaml,
    files: content.files,
    pushedBy: `model-shelf ${MODEL_SHELF_VERSION}`,
    pushedAt: now,
    hashedFrom: 'push',
    hashedAt: now,
  };
}

/** The record of an archive that lost its sidecar, from the object's own bytes read now (sidecar-repair.ts). */
export function repairedSidecar(name: string, version: string, archive: { size: number; sha256: string; etag: string; lastModified: Date }, content: VersionContent): Sidecar {
  return {
    format: 'model-shelf-sidecar/1',
    name,
    version,
    size: archive.size,
    sha256: archive.sha256,
    etag: archive.etag,
    modelYaml: content.modelYaml,
    files: content.files,
    pushedBy: `model-shelf ${MODEL_SHELF_VERSION}`,
    pushedAt: archive.lastModified.toISOString(),
    hashedFrom: 'remote-object',
    hashedAt: new Date().toISOString(),
  };
}

/**
 * Writes the sidecar (after the archive is complete; the archive is what BentoML needs). Answers
 * the ETag the server gave the sidecar object, or null when its answer had none.
 */
export async function putSidecar(client: S3Client, remote: RemoteSpec, sidecar: Sidecar, signal?: AbortSignal, opts: { ifAbsent?: boolean; ifMatch?: string } = {}): Promise<string | null> {
  const res = await client.send(
    new PutObjectCommand({
      Bucket: remote.bucket,
      Key: sidecarKey(remote, sidecar.name, sidecar.version),
      Body: JSON.stringify(sidecar),
      ContentType: 'application/json',
      ...(opts.ifAbsent ? { IfNoneMatch: '*' } : {}),
      // Replaces only the very object judged unusable: one written meanwhile makes the server answer 412.
      ...(opts.ifMatch !== undefined ? { IfMatch: `"${opts.ifMatch}"` } : {}),
    }),
    signal ? { abortSignal: signal } : {},
  );
  return (res.ETag ?? '').replace(/^"|"$/g, '') || null;
}

/** Parses a sidecar's JSON text; null when it is not a valid sidecar of ours. */
export function parseSidecar(text: string): Sidecar | null {
  try {
    return sidecarSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * The format of a record that a newer Model Shelf wrote (`model-shelf-sidecar/N`, N > 1), else
 * null: such a record is not damaged, only unknown here, so it is never replaced by a repair.
 */
export function newerFormat(text: string): string | null {
  try {
    const format = (JSON.parse(text) as { format?: unknown } | null)?.format;
    const m = typeof format === 'string' ? /^model-shelf-sidecar\/(\d+)$/.exec(format) : null;
    return m && Number(m[1]) > 1 ? (format as string) : null;
  } catch {
    return null;
  }
}

/**
 * The body as UTF-8 text, or null once it passes `max` bytes (the rest is never downloaded): a
 * server or proxy may answer without Content-Length, so the length is counted, not trusted.
 */
async function readCapped(body: Readable, max: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    if (bytes > max) {
      body.destroy();
      return null;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What a sidecar object holds: our record, or null with the format when a newer Model Shelf wrote it. */
export interface SidecarRead {
  readonly sidecar: Sidecar | null;
  readonly newerFormat: string | null;
}

/**
 * The sidecar of a key and the ETag of the bytes read (for the local cache), or null when it is
 * missing; `sidecar` is null when it is unreadable, too long or not ours (a damaged record) or of
 * a newer format (`newerFormat`).
 */
export async function getSidecar(client: S3Client, remote: RemoteSpec, key: string, signal?: AbortSignal): Promise<(SidecarRead & { etag: string }) | null> {
  let text: string;
  let etag: string;
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: remote.bucket, Key: key }), signal ? { abortSignal: signal } : {});
    etag = (res.ETag ?? '').replace(/^"|"$/g, '');
    const body = res.Body as Readable | undefined;
    if ((res.ContentLength ?? 0) > MAX_SIDECAR_BYTES) {
      body?.destroy();
      return { sidecar: null, newerFormat: null, etag };
    }
    const read = body ? await readCapped(body, MAX_SIDECAR_BYTES) : '';
    if (read === null) return { sidecar: null, newerFormat: null, etag };
    text = read;
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
  const sidecar = parseSidecar(text);
  return { sidecar, newerFormat: sidecar === null ? newerFormat(text) : null, etag };
}
