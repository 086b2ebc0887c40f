import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { loadStream, parseCreationTime, parseModelYaml } from '../store/index.ts';
import type { RemoteVersion } from '../shared/remote-types.ts';
import { archiveKey, basePrefix, parseKey, s3Uri, sidecarKey } from './remote-layout.ts';
import type { RemoteSpec } from './remote-spec.ts';
import { getSidecar, type Sidecar, type SidecarRead } from './sidecar.ts';
import { SidecarCache } from './sidecar-cache.ts';

/** A version as listed: the object, its sidecar when there is a valid one, and its model.yaml text when known. */
export interface ListedVersion {
  readonly name: string;
  readonly version: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
  readonly sidecar: Sidecar | null;
  /**
   * The sidecar object beside the archive when there is one that cannot vouch for it: 'damaged'
   * (not a record we can read: wrong types, cut, too long), 'stale' (a valid record of other
   * bytes: the archive was replaced) or 'newer' (a newer Model Shelf's format, never replaced).
   * `etag` is that object's, for a repair that replaces only it.
   */
  readonly badRecord: { readonly kind: 'damaged' | 'stale' | 'newer'; readonly etag: string; readonly format?: string } | null;
  /** The model.yaml text (from the sidecar, or read from the archive on demand); null when not read. */
  modelYaml: string | null;
}

const unquote = (etag: string | undefined): string => (etag ?? '').replace(/^"|"$/g, '');

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Sidecar GETs at once for the versions the local cache does not have (the SDK's agent allows 50 sockets). */
export const SIDECAR_READS_AT_ONCE = 16;

/**
 * The versions under the remote (or one model name), from one listing plus, for each sidecar the
 * local cache does not hold at its listed ETag, one small GET: archives that have a valid sidecar
 * are never read. A sidecar whose ETag or size does not match its archive (another push replaced
 * the archive) is ignored.
 */
export async function listRemote(client: S3Client, remote: RemoteSpec, opts: { name?: string; signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}): Promise<ListedVersion[]> {
  const prefix = opts.name === undefined ? basePrefix(remote) : `${basePrefix(remote)}${opts.name}/`;
  const archives: { name: string; version: string; key: string; size: number; etag: string; lastModified: Date }[] = [];
  const sidecars = new Map<string, string>();
  const cache = SidecarCache.open(remote, opts.env);
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: remote.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      opts.signal ? { abortSignal: opts.signal } : {},
    );
    for (const o of page.Contents ?? []) {
      const parsed = o.Key ? parseKey(remote, o.Key) : null;
      if (!parsed || !o.Key) continue;
      if (parsed.kind === 'sidecar') sidecars.set(o.Key, unquote(o.ETag));
      else archives.push({ name: parsed.name, version: parsed.version, key: o.Key, size: o.Size ?? 0, etag: unquote(o.ETag), lastModified: o.LastModified ?? new Date(0) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const cached = await cache;
  // The record read and the ETag of the bytes judged; null when there is no sidecar object.
  const read = async (sKey: string): Promise<(SidecarRead & { etag: string }) | null> => {
    const listedEtag = sidecars.get(sKey);
    if (listedEtag === undefined) return null;
    const hit = cached.get(sKey, listedEtag);
    if (hit) return { ...hit, etag: listedEtag };
    const got = await getSidecar(client, remote, sKey, opts.signal);
    if (got) cached.set(sKey, got.etag, got.sidecar, got.newerFormat);
    return got;
  };
  const out = await mapLimit(archives, SIDECAR_READS_AT_ONCE, async (a): Promise<ListedVersion> => {
    const got = await read(sidecarKey(remote, a.name, a.version));
    const sc = got?.sidecar ?? null;
    const valid = sc !== null && sc.size === a.size && unquote(sc.etag) === a.etag && sc.name === a.name && sc.version === a.version ? sc : null;
    const badRecord =
      got === null || valid !== null
        ? null
        : got.newerFormat !== null
          ? { kind: 'newer' as const, etag: got.etag, format: got.newerFormat }
          : { kind: sc === null ? ('damaged' as const) : ('stale' as const), etag: got.etag };
    return { ...a, sidecar: valid, badRecord, modelYaml: valid?.modelYaml ?? null };
  });
  cached.keepOnly(prefix, new Set(sidecars.keys()));
  await cached.save();
  return out;
}

/** Reads a sidecar-less archive's model.yaml by streaming it only until that member. */
export async function readModelYamlOnDemand(client: S3Client, remote: RemoteSpec, v: ListedVersion, signal?: AbortSignal): Promise<string> {
  if (v.modelYaml !== null) return v.modelYaml;
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let body: Readable | undefined;
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: remote.bucket, Key: v.key, IfMatch: `"${v.etag}"` }), { abortSignal: ctl.signal });
    body = res.Body as Readable;
    const { readArchiveModelYaml } = await loadStream();
    const text = await readArchiveModelYaml(body, `${v.name}/${v.version}.bentomodel`, ctl.signal);
    v.modelYaml = text;
    return text;
  } finally {
    // Stop the download: only the archive's first members were needed. The body is destroyed as
    // readArchiveModelYaml asks of its caller, not left to the signal (a long-lived process, the
    // window, must not keep the connection and the rest of the archive coming).
    body?.destroy();
    ctl.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The window's and `remote ls --json`'s view of one listed version. */
export function toRemoteVersion(remote: RemoteSpec, v: ListedVersion, state: RemoteVersion['state']): RemoteVersion {
  const base = {
    tag: `${v.name}:${v.version}`,
    name: v.name,
    version: v.version,
    uri: s3Uri(remote, archiveKey(remote, v.name, v.version)),
    size: v.size,
    sha256: v.sidecar?.sha256 ?? null,
    uploadedAt: v.lastModified.toISOString(),
    state,
  };
  if (v.modelYaml === null) return { ...base, source: 'key', module: '', labels: {}, metadata: {}, creationTime: '', creationTimeMs: Number.NaN };
  try {
    const info = parseModelYaml(v.modelYaml);
    const creationTimeMs = parseCreationTime(String(info.creation_time))?.ms ?? Number.NaN;
    return { ...base, source: v.sidecar ? 'sidecar' : 'archive', module: info.module, labels: info.labels, metadata: info.metadata, creationTime: info.creation_time, creationTimeMs };
  } catch {
    return { ...base, source: v.sidecar ? 'sidecar' : 'archive', module: '', labels: {}, metadata: {}, creationTime: '', creationTimeMs: Number.NaN };
  }
}
