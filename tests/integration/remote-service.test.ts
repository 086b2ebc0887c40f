// The window's remote operations through the real handler table (as the app and the e2e harness
// bind it) against a real S3 server: add (tested first), list, browse, push and pull as tasks
// with progress under the window's id, cancel leaving nothing, and answers that never carry a
// credential, a server response or a local path.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskProgress } from '../../src-main/shared/ipc-contract.ts';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { partNumber, startS3Proxy, type S3Proxy, type SeenRequest } from './fixtures/s3-proxy.ts';
import { makeSource } from './remote-helpers.ts';
import { readyHarness, type Harness } from './service-helpers.ts';

let server: S3Server;
let proxy: S3Proxy;
let configDir: string;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  proxy = await startS3Proxy(server.port);
  configDir = await fsp.mkdtemp(path.join(server.root, 'config-'));
}, 180_000);

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

function useServerKeys(): void {
  // The main process's environment is where the SDK's chain looks: the window never sends keys.
  for (const [k, v] of Object.entries(server.env({}))) if (k.startsWith('AWS_') && k !== 'AWS_ENDPOINT_URL') vi.stubEnv(k, v ?? '');
  vi.stubEnv('AWS_ENDPOINT_URL', '');
  vi.stubEnv('MODEL_SHELF_REMOTES_FILE', path.join(configDir, 'remotes.json'));
}

async function errorOf(h: Harness, channel: Parameters<Harness['call']>[0], arg: unknown) {
  const result = await h.service.handlers[channel](arg);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

async function createModel(h: Harness, name: string, bytes: number, seed: number): Promise<string> {
  const src = await makeSource(path.join(h.root, `src-${name}-${seed}`), bytes, seed);
  const v = await h.call('models:create', { taskId: `create-${name}-${seed}`, name, labels: { stage: 'dev' }, metadata: {}, paths: [src], root: true });
  return v.tag;
}

describe('remote operations for the window', () => {
  it('adds after a connection test, browses, pushes and pulls with task progress; nothing secret or local crosses', async () => {
    useServerKeys();
    const h = await readyHarness();
    const missing = await errorOf(h, 'remotes:add', { name: 'team', url: 's3://nope-bucket', endpoint: server.endpoint });
    expect(missing).toEqual({ code: 'NOT_FOUND', message: `The bucket 'nope-bucket' does not exist at ${server.endpoint}; create it or fix the remote's URL (remove the remote and add it again).` });
    expect(await h.call('remotes:list')).toEqual([]);
    const refused = await errorOf(h, 'remotes:add', { name: 'team', url: 's3://shelf', endpoint: server.endpoint, secretAccessKey: server.secretAccessKey });
    expect(refused.code).toBe('INVALID_ARGUMENT');

    const added = await h.call('remotes:add', { name: 'team', url: 's3://shelf/svc', endpoint: server.endpoint });
    expect(added).toEqual({ name: 'team', url: 's3://shelf/svc', endpoint: server.endpoint, region: null, profile: null, allowHttp: false });
    expect(await h.call('remotes:list')).toEqual([added]);

    const tag = await createModel(h, 'iris', 100_000, 1);
    const pushed = await h.call('remote:push', { taskId: 'push-1', remote: 'team', tags: [tag] });
    expect(pushed).toEqual([{ tag, uri: `s3://shelf/svc/iris/${tag.split(':')[1]}.bentomodel`, outcome: 'done', bytes: expect.any(Number) as number, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string }]);
    const progress = h.pushes.filter((p) => p.channel === 'task:progress').map((p) => p.payload as TaskProgress).filter((p) => p.taskId === 'push-1');
    expect(progress.some((p) => p.phase === 'uploading')).toBe(true);

    const browsed = await h.call('remote:browse', { remote: 'team' });
    expect(browsed).toMatchObject([{ tag, state: 'local', source: 'sidecar', labels: { stage: 'dev' } }]);
    const crossed = JSON.stringify([added, pushed, browsed, progress]);
    for (const secret of [server.secretAccessKey, server.accessKeyId, h.home, h.root]) expect(crossed).not.toContain(secret);

    // Gone locally, pulled back: it shows in the snapshot without a reload.
    await h.call('models:delete', { tags: [tag], force: true });
    expect((await h.call('remote:browse', { remote: 'team', model: 'iris' }))[0]?.state).toBe('remote-only');
    const pulled = await h.call('remote:pull', { taskId: 'pull-1', remote: 'team', tags: ['iris'] });
    expect(pulled).toMatchObject([{ tag, outcome: 'done' }]);
    await h.waitForSnapshot((s) => s.versions.some((v) => v.tag === tag && v.status === 'ok'), 'the pulled version');
    const pullProgress = h.pushes.filter((p) => p.channel === 'task:progress').map((p) => p.payload as TaskProgress).filter((p) => p.taskId === 'pull-1');
    expect(pullProgress.some((p) => p.phase === 'downloading')).toBe(true);

    await h.call('remotes:remove', { name: 'team' });
    expect(await h.call('remotes:list')).toEqual([]);
  }, 300_000);

  it('cancel stops a push with ABORTED and leaves no object and no open upload', async () => {
    useServerKeys();
    const h = await readyHarness();
    await h.call('remotes:add', { name: 'cancel', url: 's3://shelf/cancel', endpoint: server.endpoint });
    // Two parts of 8 MiB: the cancel comes at the first progress of the upload.
    const tag = await createModel(h, 'big', 9_000_000, 2);
    h.onPush = (channel, payload) => {
      if (channel === 'task:progress' && (payload as TaskProgress).taskId === 'push-c' && (payload as TaskProgress).phase === 'uploading' && (payload as TaskProgress).bytesDone > 0) {
        void h.call('task:cancel', { taskId: 'push-c' });
      }
    };
    const error = await errorOf(h, 'remote:push', { taskId: 'push-c', remote: 'cancel', tags: [tag] });
    expect(error.code).toBe('ABORTED');
    expect(await server.listObjects('shelf', 'cancel/')).toEqual([]);
    expect(await server.listMultipartUploads('shelf', 'cancel/')).toEqual([]);
  }, 600_000);

  it('cancel while the server holds the multipart upload: ABORTED, no object, no open upload, no lease, and the service closes', async () => {
    useServerKeys();
    const h = await readyHarness();
    await h.call('remotes:add', { name: 'held', url: 's3://shelf/held', endpoint: proxy.endpoint });
    const tag = await createModel(h, 'held', 9_000_000, 3);
    // Part 1 reaches the server (the upload exists there); part 2 waits in the relay, unanswered,
    // and so would any new attempt of it (a network that stays dead for that part).
    const isPart2 = (req: SeenRequest): boolean => partNumber(req) === 2 && req.url.startsWith('/shelf/held/');
    const held = proxy.hold(isPart2);
    for (let i = 0; i < 3; i++) void proxy.hold(isPart2);
    const pushing = errorOf(h, 'remote:push', { taskId: 'push-held', remote: 'held', tags: [tag] });
    await Promise.race([held, pushing.then((e) => Promise.reject(new Error(`the push ended before part 2 was held: ${e.code} ${e.message}`)))]);
    expect(await server.listMultipartUploads('shelf', 'held/')).toHaveLength(1);
    await h.call('task:cancel', { taskId: 'push-held' });
    const error = await pushing;
    expect(error.code).toBe('ABORTED');
    expect(await server.listObjects('shelf', 'held/')).toEqual([]);
    expect(await server.listMultipartUploads('shelf', 'held/')).toEqual([]);
    // The cancel closed part 2's connection and sent it no more (each retry waited out the request timeout).
    expect(proxy.seen.filter(isPart2)).toHaveLength(1);
    // Closing the service after the cancel finishes (no request, stream or task left waiting).
    await h.dispose();
  }, 600_000);

  it('cancel while the push is writing its lease (before the upload starts): ABORTED, nothing left, and the service closes', async () => {
    useServerKeys();
    const h = await readyHarness();
    await h.call('remotes:add', { name: 'early', url: 's3://shelf/early', endpoint: proxy.endpoint });
    const tag = await createModel(h, 'early', 200_000, 4);
    // The lease's PUT waits in the relay until the cancel is in; then it goes on to the server.
    let release = (): void => undefined;
    const held = proxy.hold((req) => req.method === 'PUT' && req.url.startsWith('/shelf/early/.model-shelf/pushes/'), { release: new Promise<void>((r) => (release = r)) });
    const pushing = errorOf(h, 'remote:push', { taskId: 'push-early', remote: 'early', tags: [tag] });
    await Promise.race([held, pushing.then((e) => Promise.reject(new Error(`the push ended before its lease was held: ${e.code} ${e.message}`)))]);
    await h.call('task:cancel', { taskId: 'push-early' });
    release();
    // Before the fix this never settled: the abort fired before lib-storage listened for it.
    const error = await pushing;
    expect(error.code).toBe('ABORTED');
    expect(await server.listObjects('shelf', 'early/')).toEqual([]);
    expect(await server.listMultipartUploads('shelf', 'early/')).toEqual([]);
    await h.dispose();
  }, 600_000);

  it('a failure is one sentence with a code, never the server response', async () => {
    useServerKeys();
    const h = await readyHarness();
    await h.call('remotes:add', { name: 'keys', url: 's3://shelf', endpoint: server.endpoint });
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wrong-secret');
    const error = await errorOf(h, 'remote:browse', { remote: 'keys' });
    expect(error).toEqual({ code: 'FORBIDDEN', message: `The server at ${server.endpoint} refused access to bucket 'shelf' (SignatureDoesNotMatch); check the access keys or profile, and that they may read and write that bucket.` });
  }, 120_000);
});
