import type { RemoteSpec } from './remote-spec.ts';

// The layout BentoML's `models export TAG s3://BUCKET/PREFIX/NAME/VERSION.bentomodel` and
// `models import` use: one object per version. Our sidecar sits beside it under a name that ends
// in `.shelf.json` (BentoML only ever opens the exact key it is given). Our own bookkeeping lives
// under `PREFIX/.model-shelf/`, a name no model can have (tags start with a letter or digit).

export const ARCHIVE_SUFFIX = '.bentomodel';
export const SIDECAR_SUFFIX = '.bentomodel.shelf.json';
export const SHELF_DIR = '.model-shelf';

export function basePrefix(remote: RemoteSpec): string {
  return remote.prefix === '' ? '' : `${remote.prefix}/`;
}

export function archiveKey(remote: RemoteSpec, name: string, version: string): string {
  return `${basePrefix(remote)}${name}/${version}${ARCHIVE_SUFFIX}`;
}

export function sidecarKey(remote: RemoteSpec, name: string, version: string): string {
  return `${basePrefix(remote)}${name}/${version}${SIDECAR_SUFFIX}`;
}

export function leasePrefix(remote: RemoteSpec): string {
  return `${basePrefix(remote)}${SHELF_DIR}/pushes/`;
}

/** `s3://bucket/key`, what `bentoml models import` takes. */
export function s3Uri(remote: RemoteSpec, key: string): string {
  return `s3://${remote.bucket}/${key}`;
}

export type KeyKind = { kind: 'archive' | 'sidecar'; name: string; version: string };

/** What a listed key is: an archive or sidecar at `PREFIX/NAME/VERSION...`, or something else (null). */
export function parseKey(remote: RemoteSpec, key: string): KeyKind | null {
  const base = basePrefix(remote);
  if (!key.startsWith(base)) return null;
  const rest = key.slice(base.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) return null;
  const name = rest.slice(0, slash);
  const file = rest.slice(slash + 1);
  if (name.startsWith('.')) return null;
  for (const [suffix, kind] of [[SIDECAR_SUFFIX, 'sidecar'], [ARCHIVE_SUFFIX, 'archive']] as const) {
    if (file.endsWith(suffix) && file.length > suffix.length) return { kind, name, version: file.slice(0, -suffix.length) };
  }
  return null;
}
