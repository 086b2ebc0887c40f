// `remote ls` of 1,000 versions with the local sidecar cache, against a real S3 server (Versity
// Gateway) behind a relay that records every request: the first listing reads each sidecar once,
// a repeated one does only the LIST, a changed sidecar (new ETag) is read again alone, and a
// corrupt cache is ignored. Counted by requests, never timed.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { requestKey, startS3Proxy, type S3Proxy, type SeenRequest } from './fixtures/s3-proxy.ts';
import { lastLine, makeSource, remoteRig, type RemoteRig } from './remote-helpers.ts';

const VERSIONS = 1000;
const SLOW = 600_000;

let server: S3Server;
let proxy: S3Proxy;
let rig: RemoteRig;
let home: string;
const sidecarKeys: string[] = [];

interface LsRow {
  tag: string;
  source: string;
  sha256: string | null;
  labels: Record<string, string>;
}

const isSidecarGet = (r: SeenRequest): boolean => r.method === 'GET' && (requestKey(r, 'shelf') ?? '').endsWith('.bentomodel.shelf.json');
const isArchiveGet = (r: SeenRequest): boolean => r.method === 'GET' && (requestKey(r, 'shelf') ?? '').endsWith('.bentomodel');
const isList = (r: SeenRequest): boolean => r.method === 'GET' && new URL(r.url, 'http://x').searchParams.get('list-type') === '2';

/** `remote ls many --json` and the requests it made. */
async function ls(): Promise<{ rows: LsRow[]; stdout: string; requests: SeenRequest[] }> {
  const from = proxy.seen.length;
  const r = await rig.cli(home, ['remote', 'ls', 'many', '--json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return { rows: JSON.parse(r.stdout) as LsRow[], stdout: r.stdout, requests: proxy.seen.slice(from) };
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  proxy = await startS3Proxy(server.port);
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
  const src = await makeSource(path.join(rig.root, 'src'), 2_000, 1);
  const tag = lastLine((await rig.cli(home, ['create', 'tiny', src, '--label', 'stage=dev'])).stdout);
  expect((await rig.cli(home, ['remote', 'add', 'many', 's3://shelf/many', '--endpoint', proxy.endpoint])).stderr).toBe('');
  expect((await rig.cli(home, ['push', tag, '--to', 'many'])).stderr).toBe('');
  // The push recorded its own sidecar in the cache (push-sidecar-cache.test.ts): start cold.
  await fsp.rm(path.join(rig.root, 'cache'), { recursive: true, force: true });
  // 999 more versions made from the real push's archive and sidecar (a push each would take minutes).
  const version = tag.split(':')[1]!;
  const archive = await server.getObject('shelf', `many/tiny/${version}.bentomodel`);
  const sidecar = JSON.parse((await server.getObject('shelf', `many/tiny/${version}.bentomodel.shelf.json`)).toString('utf8')) as Record<string, unknown>;
  sidecarKeys.push(`many/tiny/${version}.bentomodel.shelf.json`);
  const client = server.client();
  const todo = Array.from({ length: VERSIONS - 1 }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = todo.shift(); i !== undefined; i = todo.shift()) {
        const v = `v${String(i).padStart(4, '0')}`;
        const put = await client.send(new PutObjectCommand({ Bucket: 'shelf', Key: `many/tiny/${v}.bentomodel`, Body: archive }));
        const etag = (put.ETag ?? '').replace(/"/g, '');
        const key = `many/tiny/${v}.bentomodel.shelf.json`;
        await client.send(new PutObjectCommand({ Bucket: 'shelf', Key: key, Body: JSON.stringify({ ...sidecar, version: v, etag }) }));
        sidecarKeys.push(key);
      }
    }),
  );
  client.destroy();
}, SLOW);

afterAll(async () => {
  await rig?.cleanup();
  await proxy?.close();
  await server?.close();
});

describe('remote ls with the local sidecar cache', () => {
  let first: Awaited<ReturnType<typeof ls>>;

  it('the first listing reads every sidecar once and no archive', async () => {
    first = await ls();
    expect(first.rows).toHaveLength(VERSIONS);
    expect(first.rows.every((r) => r.source === 'sidecar' && r.sha256 !== null)).toBe(true);
    expect(first.requests.filter(isSidecarGet)).toHaveLength(VERSIONS);
    expect(first.requests.filter(isArchiveGet)).toHaveLength(0);
  }, SLOW);

  it('a repeated listing does only the LIST: no sidecar GET, the same output', async () => {
    const again = await ls();
    expect(again.requests.filter((r) => !isList(r))).toEqual([]);
    expect(again.stdout).toBe(first.stdout);
    // The cache lives in the user's cache folder, never in the store.
    expect(await fsp.readdir(path.join(rig.root, 'cache', 'model-shelf', 'remote-sidecars'))).toHaveLength(1);
    expect(await fsp.readdir(path.join(home, '.model-shelf')).catch(() => [] as string[])).not.toContain('remote-sidecars');
  }, SLOW);

  it('a changed sidecar (new ETag) is read again, alone, and its new content shown', async () => {
    const key = sidecarKeys[500]!;
    const text = (await server.getObject('shelf', key)).toString('utf8');
    expect(text).toContain("stage: 'dev'");
    await server.putObject('shelf', key, text.replace("stage: 'dev'", "stage: 'prod'"));
    const after = await ls();
    expect(after.requests.filter(isSidecarGet).map((r) => requestKey(r, 'shelf'))).toEqual([key]);
    const version = /\/([^/]+)\.bentomodel\.shelf\.json$/.exec(key)![1]!;
    expect(after.rows.find((r) => r.tag === `tiny:${version}`)?.labels).toEqual({ stage: 'prod' });
    expect((await ls()).requests.filter(isSidecarGet)).toEqual([]);
  }, SLOW);

  it('a corrupt cache is ignored, never trusted: every sidecar is read again and the output is right', async () => {
    const dir = path.join(rig.root, 'cache', 'model-shelf', 'remote-sidecars');
    const [file] = await fsp.readdir(dir);
    const good = JSON.parse(await fsp.readFile(path.join(dir, file!), 'utf8')) as { entries: Record<string, { etag: string; text: string | null }> };
    // An entry recorded at another ETag is a miss (the sidecar was replaced since).
    const stale = sidecarKeys[7]!;
    expect(good.entries[stale]!.text).toContain("stage: 'dev'");
    good.entries[stale] = { etag: 'not-the-listed-etag', text: good.entries[stale]!.text!.replace("stage: 'dev'", "stage: 'stale'") };
    await fsp.writeFile(path.join(dir, file!), JSON.stringify(good));
    const one = await ls();
    expect(one.requests.filter(isSidecarGet).map((r) => requestKey(r, 'shelf'))).toEqual([stale]);
    expect(one.stdout).not.toContain('stale');

    await fsp.writeFile(path.join(dir, file!), '{"format":"model-shelf-sidecar-cache/1","entries":{"x": trunc');
    const all = await ls();
    expect(all.requests.filter(isSidecarGet)).toHaveLength(VERSIONS);
    const expected = await ls();
    expect(expected.requests.filter(isSidecarGet)).toHaveLength(0);
    expect(all.stdout).toBe(expected.stdout);
  }, SLOW);
});
