// Ctrl-C in the middle of a push or a pull leaves nothing (no object, no open upload, no lease,
// no partial version, no partial download), and two machines pushing the same tag at once both
// succeed with one consistent object; all against Versity Gateway through a recording relay.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { partNumber, startS3Proxy, type S3Proxy } from './fixtures/s3-proxy.ts';
import { exited, fileHashes, lastLine, makeSource, remoteRig, sha256File, type RemoteRig, type Run } from './remote-helpers.ts';

let server: S3Server;
let proxy: S3Proxy;
let rig: RemoteRig;
let home: string;
let big: string;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  proxy = await startS3Proxy(server.port);
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
  // Two parts of 8 MiB (random bytes: the archive is as big as the data).
  big = lastLine((await rig.cli(home, ['create', 'big', await makeSource(path.join(rig.root, 'b'), 9_000_000, 7)])).stdout);
  await fsp.mkdir(path.dirname(rig.remotesFile), { recursive: true });
  await fsp.writeFile(
    rig.remotesFile,
    JSON.stringify({
      version: 1,
      remotes: [
        { name: 'team', url: 's3://shelf/c', bucket: 'shelf', prefix: 'c', endpoint: server.endpoint },
        { name: 'relay', url: 's3://shelf/c', bucket: 'shelf', prefix: 'c', endpoint: proxy.endpoint },
      ],
    }),
  );
}, 600_000);

afterAll(async () => {
  await rig?.cleanup();
  await proxy?.close();
  await server?.close();
});

async function heldOrExited(held: Promise<unknown>, done: Promise<Run>): Promise<void> {
  const first = await Promise.race([held.then(() => null), done]);
  if (first !== null) throw new Error(`the CLI ended before the request to hold (exit ${first.code}): ${first.stderr}${first.stdout}`);
}

describe('Ctrl-C and concurrent pushes', () => {
  it('Ctrl-C during a push: no object, no open upload, no lease', async () => {
    const child = rig.spawnCli(home, ['push', big, '--to', 'relay']);
    const done = exited(child);
    // The upload exists (part 1 went up); part 2 is held on its way: Ctrl-C now.
    await heldOrExited(proxy.hold((req) => partNumber(req) === 2), done);
    child.kill('SIGINT');
    const r = await done;
    expect(r.stderr).toBe(`Error: The push of '${big}' was cancelled; nothing was written to remote 'relay'.\n`);
    expect(r.code).toBe(1);
    expect(await server.listObjects('shelf')).toEqual([]);
    expect(await server.listMultipartUploads('shelf')).toEqual([]);
  }, 600_000);

  it('Ctrl-C during a pull: nothing in models/, nothing kept in staging (even for a resumable size)', async () => {
    expect((await rig.cli(home, ['push', big, '--to', 'team'])).code).toBe(0);
    const other = path.join(rig.root, 'other');
    const child = rig.spawnCli(other, ['pull', big, '--from', 'relay'], { MODEL_SHELF_RESUME_MIN_BYTES: '1' });
    const done = exited(child);
    await heldOrExited(proxy.hold((req) => req.method === 'GET' && /\.bentomodel(\?|$)/.test(req.url), { afterResponseBytes: 3_000_000 }), done);
    child.kill('SIGINT');
    const r = await done;
    expect(r.stderr).toBe(`Error: The pull of '${big}' was cancelled; nothing was added to the store.\n`);
    expect(r.code).toBe(1);
    expect(await fsp.readdir(path.join(other, 'models')).catch(() => [])).toEqual([]);
    expect(await fsp.readdir(path.join(other, '.model-shelf', 'staging')).catch(() => [])).toEqual([]);
  }, 600_000);

  it('two machines push the same tag at once: both succeed, one consistent object', async () => {
    const small = lastLine((await rig.cli(home, ['create', 'twin', await makeSource(path.join(rig.root, 't'), 200_000, 8)])).stdout);
    const [name, ver] = small.split(':') as [string, string];
    // The second machine has the same version (as a pull or a copy would give it).
    const second = path.join(rig.root, 'second');
    await fsp.mkdir(path.join(second, 'models', name), { recursive: true });
    await fsp.cp(path.join(home, 'models', name, ver), path.join(second, 'models', name, ver), { recursive: true });
    const [a, b] = await Promise.all([rig.cli(home, ['push', small, '--to', 'team']), rig.cli(second, ['push', small, '--to', 'team'])]);
    expect([a.stderr, b.stderr]).toEqual(['', '']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const said = [a.stdout, b.stdout].map((s) => (s.startsWith('Pushed') ? 'pushed' : s.includes('already there') ? 'already there' : s)).sort();
    expect(said).toEqual(['already there', 'pushed']);
    const keys = (await server.listObjects('shelf', `c/${name}/`)).map((o) => o.key);
    expect(keys).toEqual([`c/${name}/${ver}.bentomodel`, `c/${name}/${ver}.bentomodel.shelf.json`]);
    const sidecar = JSON.parse((await server.getObject('shelf', keys[1] ?? '')).toString()) as { sha256: string };
    const object = path.join(rig.root, 'twin.bentomodel');
    await fsp.writeFile(object, await server.getObject('shelf', keys[0] ?? ''));
    expect(sidecar.sha256).toBe(await sha256File(object));
    const third = path.join(rig.root, 'third');
    expect((await rig.cli(third, ['pull', small, '--from', 'team'])).code).toBe(0);
    expect(await fileHashes(path.join(third, 'models', name, ver))).toEqual(await fileHashes(path.join(home, 'models', name, ver)));
    expect(await server.listMultipartUploads('shelf')).toEqual([]);
    expect(await server.listObjects('shelf', 'c/.model-shelf/')).toEqual([]);
  }, 600_000);
});
