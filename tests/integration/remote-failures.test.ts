// Every remote failure is one sentence with what to do, produced for real against Versity
// Gateway: no credentials, wrong keys, a missing bucket, a stopped server, the network dropping
// in the middle of a push and of a pull (through a relay that is shut), a full remote (the
// bucket on a 4 MiB tmpfs in a private mount namespace). A dead push's upload is reclaimed by
// the next push; an interrupted pull of a large object resumes with a ranged read.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVersitygw } from '../../scripts/versitygw.mjs';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { partNumber, startS3Proxy } from './fixtures/s3-proxy.ts';
import { exited, fileHashes, lastLine, makeSource, remoteRig, type RemoteRig, type Run } from './remote-helpers.ts';

let server: S3Server;
let rig: RemoteRig;
let home: string;
let small: string;
let big: string;

async function writeRemotes(remotes: object[]): Promise<void> {
  await fsp.mkdir(path.dirname(rig.remotesFile), { recursive: true });
  await fsp.writeFile(rig.remotesFile, JSON.stringify({ version: 1, remotes }));
}

/** The held request, or a failure naming what the child said if it ended before reaching it. */
async function heldOrExited(held: Promise<unknown>, done: Promise<Run>): Promise<void> {
  const first = await Promise.race([held.then(() => null), done]);
  if (first !== null) throw new Error(`the CLI ended before the request to hold (exit ${first.code}): ${first.stderr}${first.stdout}`);
}

const remote = (name: string, bucket: string, endpoint: string): object => ({ name, url: `s3://${bucket}/m`, bucket, prefix: 'm', endpoint });

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
  small = lastLine((await rig.cli(home, ['create', 'small', await makeSource(path.join(rig.root, 's'), 50_000, 4)])).stdout);
  // Random bytes do not compress: about 8.6 MiB of archive, two parts of 8 MiB (kept small: xz
  // of random data is the slow part on a busy machine).
  big = lastLine((await rig.cli(home, ['create', 'big', await makeSource(path.join(rig.root, 'b'), 9_000_000, 5)])).stdout);
  await writeRemotes([remote('team', 'shelf', server.endpoint), remote('gone', 'missing-bucket', server.endpoint)]);
}, 900_000);

afterAll(async () => {
  await rig?.cleanup();
  await server?.close();
});

describe('one sentence per failure', () => {
  it('no credentials anywhere', async () => {
    const r = await rig.cli(home, ['remote', 'ls', 'team'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: No AWS credentials were found for remote 'team': set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile with `aws configure` and give it with --profile.\n");
    const profile = await rig.cli(home, ['remote', 'add', 'p', 's3://shelf', '--endpoint', server.endpoint, '--profile', 'nosuch']);
    expect(profile.code).toBe(1);
    expect(profile.stderr).toContain("Error: No AWS credentials were found for remote 'p': the profile 'nosuch' gave none; run `aws configure --profile nosuch`");
  }, 120_000);

  it('wrong keys: access denied', async () => {
    const secret = await rig.cli(home, ['remote', 'ls', 'team'], { AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    expect(secret.code).toBe(1);
    expect(secret.stderr).toBe(`Error: The server at ${server.endpoint} refused access to bucket 'shelf' (SignatureDoesNotMatch); check the access keys or profile, and that they may read and write that bucket.\n`);
    const id = await rig.cli(home, ['push', small, '--to', 'team'], { AWS_ACCESS_KEY_ID: 'nobody' });
    expect(id.code).toBe(1);
    expect(id.stderr).toMatch(/^Error: The server at .* refused access to bucket 'shelf' \((InvalidAccessKeyId|XAdminUserNotFound)\); check the access keys/);
  }, 120_000);

  it('the bucket is missing', async () => {
    const r = await rig.cli(home, ['push', small, '--to', 'gone']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: The bucket 'missing-bucket' does not exist at ${server.endpoint}; create it or fix the remote's URL (remove the remote and add it again).\n`);
  }, 120_000);

  it('the server is stopped (or the endpoint is wrong)', async () => {
    await server.stop();
    try {
      const r = await rig.cli(home, ['remote', 'ls', 'team']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`Error: Cannot reach the S3 server at ${server.endpoint} (ECONNREFUSED); check the endpoint, that the server is running and the network is up, then try again.\n`);
    } finally {
      await server.start();
    }
  }, 120_000);

  it('the network drops in the middle of a push: no object; the next push aborts the dead upload', async () => {
    const proxy = await startS3Proxy(server.port);
    await writeRemotes([remote('team', 'shelf', server.endpoint), remote('relay', 'shelf', proxy.endpoint)]);
    const child = rig.spawnCli(home, ['push', big, '--to', 'relay']);
    const done = exited(child);
    await heldOrExited(proxy.hold((req) => partNumber(req) === 2), done);
    await proxy.close();
    const r = await done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Error: The connection was lost during the upload of '${big}'; nothing partial was kept visible \\((ECONNREFUSED|ECONNRESET|socket hang up)\\); check the endpoint, that the server is running and the network is up, then try again\\.\\n$`));
    const name = big.split(':')[0] ?? '';
    expect((await server.listObjects('shelf', `m/${name}/`)).map((o) => o.key)).toEqual([]);
    // The abort could not reach the server either: the upload is still open, and its lease names it.
    expect((await server.listMultipartUploads('shelf')).map((u) => u.key)).toEqual([`m/${name}/${big.split(':')[1]}.bentomodel`]);
    const next = await rig.cli(home, ['push', small, '--to', 'team']);
    expect(next.stderr).toBe('');
    expect(await server.listMultipartUploads('shelf')).toEqual([]);
    expect((await server.listObjects('shelf', 'm/.model-shelf/')).map((o) => o.key)).toEqual([]);
  }, 900_000);

  it('the network drops in the middle of a pull: nothing added; a large object resumes with a ranged read', async () => {
    expect((await rig.cli(home, ['push', big, '--to', 'team'])).code).toBe(0);
    const other = path.join(rig.root, 'other');
    for (const [min, kept] of [['', false], ['1', true]] as const) {
      const proxy = await startS3Proxy(server.port);
      await writeRemotes([remote('team', 'shelf', server.endpoint), remote('relay', 'shelf', proxy.endpoint)]);
      // MODEL_SHELF_RESUME_MIN_BYTES stands in for "over 1 GiB" so the test moves 20 MiB, not 1 GiB.
      const child = rig.spawnCli(other, ['pull', big, '--from', 'relay'], min === '' ? {} : { MODEL_SHELF_RESUME_MIN_BYTES: min });
      const done = exited(child);
      await heldOrExited(proxy.hold((req) => req.method === 'GET' && req.url.includes('.bentomodel') && !req.url.includes('.shelf.json'), { afterResponseBytes: 5_000_000 }), done);
      await proxy.close();
      const r = await done;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^Error: The connection was lost during the download of '${big}'; nothing partial was kept visible \\(.+\\); check the endpoint, that the server is running and the network is up, then try again\\.\\n$`));
      expect(await fsp.readdir(path.join(other, 'models')).catch(() => [])).toEqual([]);
      const staged = await fsp.readdir(path.join(other, '.model-shelf', 'staging')).catch(() => [] as string[]);
      expect(staged.map((n) => n.replace(/\..*/, ''))).toEqual(kept ? ['pullpart'] : []);
    }
    const proxy = await startS3Proxy(server.port);
    await writeRemotes([remote('team', 'shelf', server.endpoint), remote('relay', 'shelf', proxy.endpoint)]);
    const resumed = await rig.cli(other, ['pull', big, '--from', 'relay']);
    await proxy.close();
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`^Resuming the download of ${big} at `));
    const ranged = proxy.seen.filter((req) => req.method === 'GET' && req.headers.range !== undefined);
    expect(ranged.map((req) => req.headers.range)).toEqual([expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
    const [name, ver] = big.split(':') as [string, string];
    expect(await fileHashes(path.join(other, 'models', name, ver))).toEqual(await fileHashes(path.join(home, 'models', name, ver)));
    expect(await fsp.readdir(path.join(other, '.model-shelf', 'staging'))).toEqual([]);
  }, 900_000);

  it('the remote is full', async () => {
    // A second gateway whose bucket folder is a 4 MiB tmpfs, mounted in its own user and mount
    // namespace (no root needed, nothing to unmount): the posix backend then really runs out of space.
    const { binary } = await ensureVersitygw();
    const dir = path.join(rig.root, 'fullgw');
    await fsp.mkdir(path.join(dir, 'full'), { recursive: true });
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const gw: ChildProcess = spawn('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=4m tmpfs "$1/full" && exec "$2" --access "$3" --secret "$4" --port "127.0.0.1:$5" --quiet posix "$1"`, 'sh', dir, binary, server.accessKeyId, server.secretAccessKey, String(port)], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 600; i++) {
        const up = await new Promise<boolean>((resolve) => {
          const s = connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
          s.once('error', () => resolve(false));
        });
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const endpoint = `http://127.0.0.1:${port}`;
      await writeRemotes([remote('full', 'full', endpoint)]);
      const r = await rig.cli(home, ['push', big, '--to', 'full']);
      expect(r.stderr).toBe(`Error: The server at ${endpoint} has no room for more data (InsufficientStorage); free space or raise the bucket's quota, then try again. Nothing was written.\n`);
      expect(r.code).toBe(1);
      const ls = await rig.cli(home, ['remote', 'ls', 'full', '--json']);
      expect(JSON.parse(ls.stdout)).toEqual([]);
    } finally {
      gw.kill('SIGKILL');
    }
  }, 900_000);
});
