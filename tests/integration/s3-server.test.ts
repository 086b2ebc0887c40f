// The remote-shelf tests' S3 server (tests/integration/fixtures/s3-server.ts) is a real one:
// objects round-trip through the SDK, open multipart uploads are listed and aborted, a stopped
// server refuses connections and a restarted one serves the same folder, and the build script
// says in one sentence what is missing without Go.
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_GO_MESSAGE, versitygwDir } from '../../scripts/versitygw.mjs';
import { partNumber, requestKey, startS3Proxy } from './fixtures/s3-proxy.ts';
import { bucketFolder, startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { runProcess } from '../interop/helpers/process.ts';

const SCRIPT = resolve(import.meta.dirname, '..', '..', 'scripts', 'versitygw.mjs');

describe('the Versity S3 Gateway fixture', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server({ buckets: ['shelf'] });
  }, 900_000);
  afterAll(async () => server?.close());

  it('stores and returns objects byte for byte, listed with their sizes', async () => {
    const body = randomBytes(70_000);
    await server.putObject('shelf', 'team/iris/v1.bentomodel', body);
    await server.putObject('shelf', 'team/iris/v1.bentomodel.json', '{"a":1}');
    expect(await server.getObject('shelf', 'team/iris/v1.bentomodel')).toEqual(body);
    expect(await server.listObjects('shelf', 'team/')).toEqual([
      { key: 'team/iris/v1.bentomodel', size: 70_000 },
      { key: 'team/iris/v1.bentomodel.json', size: 7 },
    ]);
    // The posix backend keeps the object as a plain file under its bucket folder.
    expect(existsSync(join(server.root, 'shelf', 'team', 'iris', 'v1.bentomodel'))).toBe(true);
    await server.deleteObject('shelf', 'team/iris/v1.bentomodel.json');
    expect(await server.listObjects('shelf', 'team/')).toEqual([{ key: 'team/iris/v1.bentomodel', size: 70_000 }]);
  });

  it('lists an open multipart upload until it is aborted, and a completed one becomes the object', async () => {
    const s3 = server.client();
    const open = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'shelf', Key: 'mp/left/behind.bentomodel' }));
    await s3.send(new UploadPartCommand({ Bucket: 'shelf', Key: 'mp/left/behind.bentomodel', UploadId: open.UploadId, PartNumber: 1, Body: randomBytes(1000) }));
    expect(await server.listMultipartUploads('shelf', 'mp/')).toEqual([{ key: 'mp/left/behind.bentomodel', uploadId: open.UploadId }]);
    expect(await server.listObjects('shelf', 'mp/')).toEqual([]);

    const done = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'shelf', Key: 'mp/whole.bentomodel' }));
    const part = randomBytes(1234);
    const uploaded = await s3.send(new UploadPartCommand({ Bucket: 'shelf', Key: 'mp/whole.bentomodel', UploadId: done.UploadId, PartNumber: 1, Body: part }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'shelf',
        Key: 'mp/whole.bentomodel',
        UploadId: done.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: uploaded.ETag }] },
      }),
    );
    expect(await server.getObject('shelf', 'mp/whole.bentomodel')).toEqual(part);

    const [left] = await server.listMultipartUploads('shelf', 'mp/');
    await server.abortMultipartUpload('shelf', left!);
    expect(await server.listMultipartUploads('shelf', 'mp/')).toEqual([]);
    s3.destroy();
  });

  it('serves a bucket made as a plain folder', async () => {
    await bucketFolder(server, 'folder-bucket');
    await server.putObject('folder-bucket', 'a.txt', 'hello');
    expect((await server.getObject('folder-bucket', 'a.txt')).toString()).toBe('hello');
  });

  it('the crash tests\' relay passes signed requests through unchanged and holds the one asked for', async () => {
    const proxy = await startS3Proxy(server.port);
    const s3 = new S3Client({
      endpoint: proxy.endpoint, region: server.region, forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
    try {
      const body = randomBytes(50_000);
      await s3.send(new PutObjectCommand({ Bucket: 'shelf', Key: 'relay/x.bin', Body: body }));
      expect(await server.getObject('shelf', 'relay/x.bin')).toEqual(body);
      expect(proxy.seen.map((r) => [r.method, requestKey(r, 'shelf'), partNumber(r)])).toEqual([['PUT', 'relay/x.bin', null]]);

      // Held before forwarding: the server never sees the PUT.
      const heldPut = proxy.hold((r) => r.method === 'PUT');
      const abortPut = new AbortController();
      const put = s3.send(new PutObjectCommand({ Bucket: 'shelf', Key: 'relay/never.bin', Body: 'x' }), { abortSignal: abortPut.signal }).catch(() => 'aborted');
      expect(requestKey(await heldPut, 'shelf')).toBe('relay/never.bin');
      abortPut.abort();
      expect(await put).toBe('aborted');
      expect((await server.listObjects('shelf', 'relay/')).map((o) => o.key)).toEqual(['relay/x.bin']);

      // Held after 1,000 bytes of the answer: the client has exactly those.
      const heldGet = proxy.hold((r) => r.method === 'GET', { afterResponseBytes: 1000 });
      const got = await s3.send(new GetObjectCommand({ Bucket: 'shelf', Key: 'relay/x.bin' }));
      await heldGet;
      const reader = (got.Body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
      const first = await reader.next();
      expect(Buffer.from(first.value as Uint8Array)).toEqual(body.subarray(0, 1000));
    } finally {
      s3.destroy();
      await proxy.close();
    }
  });

  it('goes away when stopped and serves the same objects after a restart on the same port', async () => {
    await server.putObject('shelf', 'kept.txt', 'still here');
    const before = server.pid();
    await server.stop();
    expect(server.pid()).toBeNull();
    const refused = await server.getObject('shelf', 'kept.txt').then(
      () => 'answered',
      (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error),
    );
    expect(refused).toBe('ECONNREFUSED');
    await server.start();
    expect(server.pid()).not.toBe(before);
    expect((await server.getObject('shelf', 'kept.txt')).toString()).toBe('still here');
  });
});

describe('scripts/versitygw.mjs', () => {
  it('prints the cached binary it reuses', async () => {
    const result = await runProcess(process.execPath, [SCRIPT]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(join(versitygwDir(), 'versitygw'));
    expect(result.stderr).toMatch(/^Versity S3 Gateway v1\.8\.0 (reused from|built into) /);
  }, 1_800_000);

  it('fails with one sentence when there is no binary and no Go to build it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shelf-nogo-'));
    try {
      const env = { ...process.env, MODEL_SHELF_VERSITYGW_DIR: join(dir, 'gw'), PATH: join(dir, 'empty-bin') };
      const result = await runProcess(process.execPath, [SCRIPT], { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${MISSING_GO_MESSAGE}\n`);
      expect(existsSync(join(dir, 'gw', 'versitygw'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
