// Issue 10: `model-shelf push` and `pull` killed with SIGKILL at several exact points against a
// real S3 server (Versity S3 Gateway). A relay in front of the server (fixtures/s3-proxy.ts)
// holds the request of each point, so the kill always lands there, never racing a timer.
// After every kill: no sidecar without its archive, no archive that is not whole, no partial
// local version; the next push or pull completes; no multipart upload of ours is left open.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHome, removeHomes } from '../interop/helpers/bentoml.ts';
import { modelTree, writeTree } from '../interop/helpers/fixtures.ts';
import { shelfRemotes, type ShelfRemotes } from '../interop/helpers/remote.ts';
import { CLI_ENTRY } from '../interop/helpers/shelf-cli.ts';
import { treeDigest } from '../interop/helpers/tree.ts';
import { partNumber, requestKey, startS3Proxy, type HoldOptions, type S3Proxy, type SeenRequest } from './fixtures/s3-proxy.ts';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';

const BUCKET = 'crash-shelf';
const PREFIX = 'team';
const NAME = 'big_model';
// Random bytes do not compress: the archive is about this big, so the push needs two 8 MiB parts.
const LARGE = 12 * 1024 * 1024 + 11;
// Each case exports, uploads and downloads a 12 MiB model two or three times: minutes on a busy 2-core machine.
const SLOW = 600_000;
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('SIGKILL during push and pull against a real S3 server', () => {
  let server: S3Server;
  let proxy: S3Proxy;
  let remotes: ShelfRemotes;
  let home = '';
  let tag = '';
  let version = '';
  let archiveKey = '';
  let exportSha = '';
  let source = '';

  /** Runs the CLI until the relay holds the request `match` picks, then kills it with SIGKILL. */
  async function killAt(cliHome: string, args: string[], match: (req: SeenRequest) => boolean, options?: HoldOptions, extraEnv?: NodeJS.ProcessEnv): Promise<SeenRequest> {
    const child = spawn(process.execPath, [CLI_ENTRY, '--home', cliHome, ...args], { env: remotes.env(extraEnv), cwd: cliHome, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<string>((resolveExit) => child.once('exit', (code, signal) => resolveExit(`exit ${code ?? signal}`)));
    const held = proxy.hold(match, options);
    const from = proxy.seen.length;
    const first = await Promise.race([held, exited]);
    if (typeof first === 'string') {
      const requests = proxy.seen.slice(from).map((r) => `${r.method} ${r.url} ${r.status ?? 'held'}`).join('\n');
      throw new Error(`model-shelf ${args.join(' ')} ended (${first}) before the crash point: ${output}\n${requests}`);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('exit SIGKILL');
    return first;
  }

  /** What anyone listing the remote may see: whole archives only, and a sidecar only beside its archive. */
  async function expectRemoteConsistent(): Promise<void> {
    const keys = (await server.listObjects(BUCKET, `${PREFIX}/${NAME}/`)).map((o) => o.key);
    for (const key of keys) {
      if (key === archiveKey) expect(sha256(await server.getObject(BUCKET, key))).toBe(exportSha);
      else expect({ key, archiveThere: keys.includes(archiveKey), isSidecarOfIt: key.startsWith(archiveKey) }).toEqual({ key, archiveThere: true, isSidecarOfIt: true });
    }
  }

  async function expectPushCompletes(): Promise<void> {
    const from = proxy.seen.length;
    const pushed = await remotes.cli(home, ['push', tag, '--to', 'crashy']);
    // On a failure, the requests of this push say where it went wrong.
    const requests = pushed.code === 0 ? [] : proxy.seen.slice(from).map((r) => `${r.method} ${r.url} ${r.status ?? 'held'}`);
    expect({ code: pushed.code, stderr: pushed.stderr, requests }).toEqual({ code: 0, stderr: '', requests: [] });
    expect(sha256(await server.getObject(BUCKET, archiveKey))).toBe(exportSha);
    await expectRemoteConsistent();
    expect(await server.listMultipartUploads(BUCKET)).toEqual([]);
  }

  async function clearRemote(): Promise<void> {
    for (const o of await server.listObjects(BUCKET, `${PREFIX}/${NAME}/`)) await server.deleteObject(BUCKET, o.key);
  }

  const isArchive = (req: SeenRequest): boolean => requestKey(req, BUCKET) === archiveKey;

  beforeAll(async () => {
    server = await startS3Server({ buckets: [BUCKET] });
    proxy = await startS3Proxy(server.port);
    remotes = await shelfRemotes(server);
    home = await makeHome('crash-src');
    const added = await remotes.cli(home, ['remote', 'add', 'crashy', `s3://${BUCKET}/${PREFIX}`, '--endpoint', proxy.endpoint]);
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' });
    source = await writeTree(modelTree(LARGE));
    const created = await remotes.cli(home, ['create', NAME, '--root', source, '--label', 'stage=crash']);
    expect(created.code).toBe(0);
    tag = created.stdout.trim().split('\n').pop()!;
    version = tag.split(':')[1]!;
    archiveKey = `${PREFIX}/${NAME}/${version}.bentomodel`;
    const exported = await remotes.cli(home, ['export', tag, `${home}/`]);
    expect(exported.code).toBe(0);
    exportSha = sha256(await readFile(exported.stdout.trim().split('\n').pop()!));
  }, SLOW);
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await remotes?.cleanup();
    await removeHomes();
  });

  describe('push', () => {
    const points: [string, (req: SeenRequest) => boolean][] = [
      ['before the multipart upload is created', (r) => isArchive(r) && r.method === 'POST' && r.url.includes('uploads')],
      ['after the first part, before the second', (r) => isArchive(r) && r.method === 'PUT' && partNumber(r) === 2],
      ['with every part sent, before the upload is completed', (r) => isArchive(r) && r.method === 'POST' && r.url.includes('uploadId=')],
      [
        'after the archive completed, before its sidecar is written',
        (r) => r.method === 'PUT' && (requestKey(r, BUCKET) ?? '').startsWith(`${archiveKey}.`),
      ],
    ];
    for (const [when, match] of points) {
      it(`killed ${when}: nothing half-written is visible and the next push completes with no upload of ours left open`, async () => {
        await clearRemote();
        await killAt(home, ['push', tag, '--to', 'crashy'], match);
        await expectRemoteConsistent();
        await expectPushCompletes();
      }, SLOW);
    }

    it('killed after the archive completed and before its sidecar PUT: the next push writes the sidecar from the object itself, and a pull checks against it', async () => {
      await clearRemote();
      const sidecarKey = `${archiveKey}.shelf.json`;
      await killAt(home, ['push', tag, '--to', 'crashy'], (r) => r.method === 'PUT' && requestKey(r, BUCKET) === sidecarKey);
      expect((await server.listObjects(BUCKET, `${PREFIX}/${NAME}/`)).map((o) => o.key)).toEqual([archiveKey]);
      const from = proxy.seen.length;
      const pushed = await remotes.cli(home, ['push', tag, '--to', 'crashy']);
      expect({ code: pushed.code, stderr: pushed.stderr, stdout: pushed.stdout.trim() }).toEqual({
        code: 0,
        stderr: '',
        stdout: `${tag} already there; its missing record was written: s3://${BUCKET}/${archiveKey}`,
      });
      // Nothing was uploaded again: one whole read of the archive, then the sidecar's conditional create.
      const mine = proxy.seen.slice(from);
      expect(mine.filter((r) => isArchive(r) && r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
      const sidecarPuts = mine.filter((r) => r.method === 'PUT' && requestKey(r, BUCKET) === sidecarKey);
      expect(sidecarPuts.map((r) => r.headers['if-none-match'])).toEqual(['*']);
      // The record is the object on the server's disk, byte for byte.
      const onDisk = await readFile(join(server.root, BUCKET, archiveKey));
      const record = JSON.parse((await server.getObject(BUCKET, sidecarKey)).toString('utf8')) as Record<string, unknown>;
      expect(record).toMatchObject({ name: NAME, version, size: onDisk.length, sha256: sha256(onDisk), hashedFrom: 'remote-object' });
      expect(record.sha256).toBe(exportSha);
      expect(Date.parse(String(record.hashedAt))).toBeGreaterThanOrEqual(Date.parse(String(record.pushedAt)));
      const listed = await remotes.cli(home, ['remote', 'ls', 'crashy', NAME, '--json']);
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { sha256: string | null; state: string }[]).map((v) => [v.sha256, v.state])).toEqual([[exportSha, 'local']]);
      // A third push finds the record: plain "already there".
      const again = await remotes.cli(home, ['push', tag, '--to', 'crashy']);
      expect({ code: again.code, stdout: again.stdout.trim() }).toEqual({ code: 0, stdout: `${tag} already there: s3://${BUCKET}/${archiveKey}` });

      // The pull checks the download against the record: a record with another SHA-256 is refused...
      // (Through S3, so the sidecar gets a new ETag as any real change does.)
      const good = (await server.getObject(BUCKET, sidecarKey)).toString('utf8');
      await server.putObject(BUCKET, sidecarKey, good.replace(exportSha, 'f'.repeat(64)));
      const refusedHome = await makeHome('crash-repaired-bad');
      const refused = await remotes.cli(refusedHome, ['pull', tag, '--from', 'crashy']);
      expect({ code: refused.code, stderr: refused.stderr.trim() }).toEqual({
        code: 1,
        stderr: `Error: The archive of '${tag}' on remote 'crashy' does not match the SHA-256 its sidecar records, so nothing was added; push it again from a machine that has it.`,
      });
      // ...and the true record lets it in, with identical files.
      await server.putObject(BUCKET, sidecarKey, good);
      const pullHome = await makeHome('crash-repaired');
      const pulled = await remotes.cli(pullHome, ['pull', tag, '--from', 'crashy']);
      expect({ code: pulled.code, stderr: pulled.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await treeDigest(join(pullHome, 'models', NAME, version))).toEqual(await treeDigest(join(home, 'models', NAME, version)));
    }, SLOW);

    it('a dead push\'s open upload is aborted by the next push even when that push is of another version', async () => {
      await clearRemote();
      await killAt(home, ['push', tag, '--to', 'crashy'], (r) => isArchive(r) && r.method === 'PUT' && partNumber(r) === 2);
      expect((await server.listMultipartUploads(BUCKET)).map((u) => u.key)).toEqual([archiveKey]);
      const small = await writeTree([{ path: 'w.bin', size: 1000 }]);
      const other = await remotes.cli(home, ['create', 'small_model', '--root', small]);
      expect(other.code).toBe(0);
      const pushed = await remotes.cli(home, ['push', 'small_model', '--to', 'crashy']);
      expect({ code: pushed.code, stderr: pushed.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await server.listMultipartUploads(BUCKET)).toEqual([]);
      await expectRemoteConsistent();
      expect((await server.listObjects(BUCKET, `${PREFIX}/${NAME}/`)).map((o) => o.key)).toEqual([]);
    }, SLOW);
  });

  describe('pull', () => {
    beforeAll(async () => {
      await clearRemote();
      await expectPushCompletes();
    }, SLOW);

    /** No version of NAME in the store (staging may keep a partial download, models/ never does). */
    async function expectNoLocalVersion(pullHome: string): Promise<void> {
      const names = await readdir(join(pullHome, 'models')).catch(() => [] as string[]);
      const versions = names.includes(NAME) ? (await readdir(join(pullHome, 'models', NAME))).filter((n) => n !== 'latest') : [];
      expect(versions).toEqual([]);
      const listed = await remotes.cli(pullHome, ['list', '--json']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toContain(version);
    }

    async function expectPullCompletes(pullHome: string, extraEnv?: NodeJS.ProcessEnv): Promise<void> {
      const pulled = await remotes.cli(pullHome, ['pull', tag, '--from', 'crashy'], extraEnv);
      // A dead pull's partial download may be picked up again, which the CLI says on stderr.
      const stderr = pulled.stderr.replace(/^Resuming the download of [^\n]*\n/m, '');
      expect({ code: pulled.code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(await treeDigest(join(pullHome, 'models', NAME, version))).toEqual(await treeDigest(join(home, 'models', NAME, version)));
      // The partial download is gone once the version is in.
      expect((await readdir(join(pullHome, '.model-shelf', 'staging')).catch(() => [] as string[])).filter((n) => n.includes('pullpart'))).toEqual([]);
    }

    const points: [string, HoldOptions | undefined][] = [
      ['before the archive\'s first byte arrived', undefined],
      ['with 9 MiB of the archive downloaded', { afterResponseBytes: 9 * 1024 * 1024 }],
    ];
    for (const [when, options] of points) {
      it(`killed ${when}: no partial version, and the next pull completes with identical files`, async () => {
        const pullHome = await makeHome('crash-pull');
        await killAt(pullHome, ['pull', tag, '--from', 'crashy'], (r) => isArchive(r) && r.method === 'GET', options);
        await expectNoLocalVersion(pullHome);
        await expectPullCompletes(pullHome);
      }, SLOW);
    }

    it('an interrupted pull resumes with a ranged read of the rest (resume threshold lowered for the test)', async () => {
      const pullHome = await makeHome('crash-resume');
      const env = { MODEL_SHELF_RESUME_MIN_BYTES: '0' };
      const cut = 9 * 1024 * 1024;
      await killAt(pullHome, ['pull', tag, '--from', 'crashy'], (r) => isArchive(r) && r.method === 'GET', { afterResponseBytes: cut }, env);
      await expectNoLocalVersion(pullHome);
      const before = proxy.seen.length;
      await expectPullCompletes(pullHome, env);
      const gets = proxy.seen.slice(before).filter((r) => isArchive(r) && r.method === 'GET');
      expect(gets.map((r) => r.headers.range ?? 'whole')).toEqual([expect.stringMatching(/^bytes=\d+-$/)]);
      // It went on from what had arrived, not from the start (some bytes may still sit in the pipe when killed).
      expect(Number(/^bytes=(\d+)-$/.exec(gets[0]!.headers.range!)![1])).toBeGreaterThan(0);
    }, SLOW);
  });
});
