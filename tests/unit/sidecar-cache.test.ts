// The remote ls sidecar cache when a push records its sidecar while a listing of the same remote
// is open (the window does both at once): each keeps its own changes, and nothing is recorded
// without the ETag the server answered. Read back as the next listing would.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRemoteSpec } from '../../src-main/remote/remote-spec.ts';
import { newSidecar, type Sidecar } from '../../src-main/remote/sidecar.ts';
import { SidecarCache } from '../../src-main/remote/sidecar-cache.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fsp.rm(d, { recursive: true, force: true })));
});

async function cacheEnv(): Promise<NodeJS.ProcessEnv> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-sidecar-cache-'));
  dirs.push(dir);
  return { MODEL_SHELF_CACHE_DIR: dir };
}

const remote = makeRemoteSpec({ name: 'team', url: 's3://shelf/team', endpoint: 'http://127.0.0.1:9' });
const sidecar = (version: string): Sidecar => newSidecar('iris', version, { size: 10, sha256: 'a'.repeat(64), etag: `archive-${version}` }, { modelYaml: `version: ${version}\n`, files: [] });
const key = (version: string): string => `team/iris/${version}.bentomodel.shelf.json`;

/** What the next listing finds for `version` at `etag`: its version, null for "not ours", undefined for a miss. */
async function found(env: NodeJS.ProcessEnv, version: string, etag: string): Promise<string | null | undefined> {
  const hit = (await SidecarCache.open(remote, env)).get(key(version), etag);
  return hit === undefined ? undefined : (hit.sidecar?.version ?? null);
}

describe('SidecarCache.remember beside an open listing', () => {
  it('a sidecar recorded by a push while a listing is open survives the listing saving after it', async () => {
    const env = await cacheEnv();
    const listing = await SidecarCache.open(remote, env);
    listing.set(key('v1'), 'etag-1', sidecar('v1'));
    await SidecarCache.remember(remote, key('v2'), 'etag-2', sidecar('v2'), env);
    // The listing started before the push: it does not list v2's sidecar, and must not drop it.
    listing.keepOnly('team/', new Set([key('v1')]));
    await listing.save();
    expect(await found(env, 'v1', 'etag-1')).toBe('v1');
    expect(await found(env, 'v2', 'etag-2')).toBe('v2');
  });

  it('a listing drops a sidecar it no longer lists, unless it was recorded again meanwhile', async () => {
    const env = await cacheEnv();
    await SidecarCache.remember(remote, key('gone'), 'etag-old', sidecar('gone'), env);
    await SidecarCache.remember(remote, key('back'), 'etag-old', sidecar('back'), env);
    const listing = await SidecarCache.open(remote, env);
    // Pushed again (a new ETag) after the listing read the cache.
    await SidecarCache.remember(remote, key('back'), 'etag-new', sidecar('back'), env);
    listing.keepOnly('team/', new Set());
    await listing.save();
    expect(await found(env, 'gone', 'etag-old')).toBeUndefined();
    expect(await found(env, 'back', 'etag-new')).toBe('back');
  });

  it('many records at once in one process all stay', async () => {
    const env = await cacheEnv();
    const versions = Array.from({ length: 20 }, (_, i) => `v${i}`);
    await Promise.all(versions.map((v) => SidecarCache.remember(remote, key(v), `etag-${v}`, sidecar(v), env)));
    for (const v of versions) expect(await found(env, v, `etag-${v}`)).toBe(v);
  });

  it('records nothing without the ETag the server answered', async () => {
    const env = await cacheEnv();
    await SidecarCache.remember(remote, key('v1'), null, sidecar('v1'), env);
    await SidecarCache.remember(remote, key('v1'), '', sidecar('v1'), env);
    expect(await found(env, 'v1', '')).toBeUndefined();
    await expect(fsp.readdir(env.MODEL_SHELF_CACHE_DIR!)).resolves.toEqual([]);
  });
});
