// A push records the sidecar it writes in the `remote ls` sidecar cache, under the ETag the server
// answered its PUT with, so a listing right after the push reads no sidecar. Against a real S3
// server (Versity Gateway) behind a relay that records every request; counted, never timed. The
// cached record must list exactly as the sidecar read from the server does (a cold cache).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { requestKey, startS3Proxy, type S3Proxy, type SeenRequest } from './fixtures/s3-proxy.ts';
import { lastLine, makeSource, remoteRig, type RemoteRig } from './remote-helpers.ts';

const SLOW = 300_000;

let server: S3Server;
let proxy: S3Proxy;
let rig: RemoteRig;
let home: string;
let tag: string;

const isGetOf = (suffix: string) => (r: SeenRequest) => r.method === 'GET' && (requestKey(r, 'shelf') ?? '').endsWith(suffix);
const isSidecarGet = isGetOf('.bentomodel.shelf.json');
const isArchiveGet = isGetOf('.bentomodel');
const cacheFolder = (): string => path.join(rig.root, 'cache', 'model-shelf', 'remote-sidecars');

/** `remote ls team --json` and the requests it made. */
async function ls(): Promise<{ stdout: string; rows: { tag: string; source: string; sha256: string | null }[]; requests: SeenRequest[] }> {
  const from = proxy.seen.length;
  const r = await rig.cli(home, ['remote', 'ls', 'team', '--json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return { stdout: r.stdout, rows: JSON.parse(r.stdout) as { tag: string; source: string; sha256: string | null }[], requests: proxy.seen.slice(from) };
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  proxy = await startS3Proxy(server.port);
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
  const src = await makeSource(path.join(rig.root, 'src'), 50_000, 3);
  tag = lastLine((await rig.cli(home, ['create', 'iris', src, '--label', 'stage=dev'])).stdout);
  expect((await rig.cli(home, ['remote', 'add', 'team', 's3://shelf/team', '--endpoint', proxy.endpoint])).stderr).toBe('');
}, SLOW);

afterAll(async () => {
  await rig?.cleanup();
  await proxy?.close();
  await server?.close();
});

describe('a push fills the remote ls sidecar cache', () => {
  let warm = '';

  it('remote ls right after a push reads no sidecar and no archive, and shows the pushed hash', async () => {
    const pushed = await rig.cli(home, ['push', tag, '--to', 'team']);
    expect(pushed.code, pushed.stderr).toBe(0);
    const sha256 = /sha256 ([0-9a-f]{64})/.exec(pushed.stdout)?.[1];
    expect(sha256).toBeDefined();
    const after = await ls();
    expect(after.requests.filter(isSidecarGet)).toEqual([]);
    expect(after.requests.filter(isArchiveGet)).toEqual([]);
    expect(after.rows.map((r) => [r.tag, r.source, r.sha256])).toEqual([[tag, 'sidecar', sha256]]);
    warm = after.stdout;
  }, SLOW);

  it('the recorded sidecar lists exactly as the one on the server (cold cache: one GET, the same output)', async () => {
    await fsp.rm(cacheFolder(), { recursive: true, force: true });
    const cold = await ls();
    expect(cold.requests.filter(isSidecarGet)).toHaveLength(1);
    expect(cold.stdout).toBe(warm);
  }, SLOW);

  it('a push that writes a missing sidecar (repair) records it too', async () => {
    const version = tag.split(':')[1]!;
    await server.deleteObject('shelf', `team/iris/${version}.bentomodel.shelf.json`);
    await fsp.rm(cacheFolder(), { recursive: true, force: true });
    const repaired = await rig.cli(home, ['push', tag, '--to', 'team']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toContain('its missing record was written');
    const after = await ls();
    expect(after.requests.filter(isSidecarGet)).toEqual([]);
    expect(after.requests.filter(isArchiveGet)).toEqual([]);
    expect(after.rows.map((r) => [r.tag, r.source])).toEqual([[tag, 'sidecar']]);
    // What was recorded is what the server holds.
    await fsp.rm(cacheFolder(), { recursive: true, force: true });
    const cold = await ls();
    expect(cold.requests.filter(isSidecarGet)).toHaveLength(1);
    expect(cold.stdout).toBe(after.stdout);
  }, SLOW);
});
