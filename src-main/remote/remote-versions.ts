import type { S3Client } from '@aws-sdk/client-s3';
import { loadStream, parseCreationTime, parseModelYaml, type ModelStore, type VersionContent } from '../store/index.ts';
import { ShelfError } from '../shared/errors.ts';
import type { ModelVersion } from '../shared/model-types.ts';
import type { RemoteVersion, RemoteVersionState } from '../shared/remote-types.ts';
import { parseTag } from '../shared/tag-rules.ts';
import { listRemote, readModelYamlOnDemand, toRemoteVersion, type ListedVersion } from './remote-listing.ts';
import type { RemoteSpec } from './remote-spec.ts';
import { sameVersionContent } from './sidecar-repair.ts';

function creationMicros(yamlText: string | null): number {
  if (yamlText === null) return Number.NEGATIVE_INFINITY;
  try {
    return parseCreationTime(String(parseModelYaml(yamlText).creation_time))?.micros ?? Number.NEGATIVE_INFINITY;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

/** How a remote version compares with the local store's version of the same tag. */
export function compareWithLocal(listed: ListedVersion, local: VersionContent | undefined): RemoteVersionState {
  if (local === undefined) return 'remote-only';
  // Files compared by path and size in any order: a record read from a BentoML-written archive lists them in name order.
  if (listed.sidecar) return sameVersionContent(listed.sidecar, local) ? 'local' : 'differs';
  // Written by BentoML: only its model.yaml is known (it holds the version id and creation time).
  return listed.modelYaml === local.modelYaml ? 'local' : 'differs';
}

/** The local content of `tag`, or undefined when the store has no ok version of it. */
export async function localContent(store: ModelStore, name: string, version: string): Promise<{ version: ModelVersion; content: VersionContent } | undefined> {
  if (!(await store.exists())) return undefined;
  const found = (await store.list({ name })).versions.find((v) => v.version === version && v.status === 'ok');
  return found ? { version: found, content: await (await loadStream()).versionContent(found) } : undefined;
}

/**
 * `remote ls`: the remote's versions (one name or all), each compared with the local store.
 * A sidecar-less archive's model.yaml is read (streaming it only until that member) when a name
 * is given or the local store has that tag; otherwise it is listed from its key and size.
 */
export async function browseRemote(client: S3Client, remote: RemoteSpec, store: ModelStore, opts: { name?: string; signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}): Promise<RemoteVersion[]> {
  const listed = await listRemote(client, remote, opts);
  const locals = new Map<string, ModelVersion>();
  if (await store.exists()) for (const v of (await store.list(opts.name === undefined ? {} : { name: opts.name })).versions) if (v.status === 'ok') locals.set(v.tag, v);
  const out: RemoteVersion[] = [];
  for (const l of listed) {
    const local = locals.get(`${l.name}:${l.version}`);
    if (l.modelYaml === null && (opts.name !== undefined || local)) await readModelYamlOnDemand(client, remote, l, opts.signal).catch(() => null);
    const state = compareWithLocal(l, local ? await (await loadStream()).versionContent(local) : undefined);
    out.push(toRemoteVersion(remote, l, state));
  }
  // Like `list`: newest first by creation time, then by upload time for archives not read.
  return out.sort((a, b) => (b.creationTimeMs || 0) - (a.creationTimeMs || 0) || b.uploadedAt.localeCompare(a.uploadedAt) || a.tag.localeCompare(b.tag));
}

/** TAG as `get` reads it, on the remote: `name:version`, or a bare name / `name:latest` = newest by creation time there. */
export async function resolveRemoteTag(client: S3Client, remote: RemoteSpec, tag: string, signal?: AbortSignal, env?: NodeJS.ProcessEnv): Promise<ListedVersion> {
  const { name, version } = parseTag(tag);
  const listed = await listRemote(client, remote, { name, ...(signal ? { signal } : {}), ...(env ? { env } : {}) });
  if (listed.length === 0) {
    throw new ShelfError('NOT_FOUND', `Remote '${remote.name}' has no model named '${name}'; run \`model-shelf remote ls ${remote.name}\` to see what it holds.`);
  }
  if (version !== null && version !== 'latest') {
    const exact = listed.find((l) => l.version === version);
    if (!exact) throw new ShelfError('NOT_FOUND', `Remote '${remote.name}' has no version '${version}' of '${name}'; run \`model-shelf remote ls ${remote.name} ${name}\` to see its versions.`);
    return exact;
  }
  for (const l of listed) if (l.modelYaml === null) await readModelYamlOnDemand(client, remote, l, signal);
  return listed.reduce((best, l) => (creationMicros(l.modelYaml) > creationMicros(best.modelYaml) ? l : best));
}
