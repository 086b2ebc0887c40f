// `model-shelf remote add/list/remove` against a real S3 server: the connection is tested before
// anything is saved, the file never holds a secret, plain http is only for this machine.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { remoteRig, type RemoteRig } from './remote-helpers.ts';

let server: S3Server;
let rig: RemoteRig;
let home: string;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
}, 180_000);

afterAll(async () => {
  await rig?.cleanup();
  await server?.close();
});

describe('remote add / list / remove', () => {
  it('tests, saves without secrets, lists and removes a remote', async () => {
    const add = await rig.cli(home, ['remote', 'add', 'team', 's3://shelf/models/', '--endpoint', server.endpoint]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain("Added remote 'team' (s3://shelf/models");
    const text = await fsp.readFile(rig.remotesFile, 'utf8');
    expect(text).not.toContain(server.secretAccessKey);
    expect(text).not.toContain(server.accessKeyId);
    expect(JSON.parse(text)).toEqual({ version: 1, remotes: [{ name: 'team', url: 's3://shelf/models', bucket: 'shelf', prefix: 'models', endpoint: server.endpoint }] });

    const listed = await rig.cli(home, ['remote', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([{ name: 'team', url: 's3://shelf/models', endpoint: server.endpoint, region: null, profile: null, allowHttp: false }]);
    const table = await rig.cli(home, ['remote', 'list']);
    expect(table.stdout).toMatch(/team\s+s3:\/\/shelf\/models\s+http:\/\/127\.0\.0\.1:\d+/);

    const again = await rig.cli(home, ['remote', 'add', 'team', 's3://shelf', '--endpoint', server.endpoint]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Error: A remote named 'team' already exists; remove it first with `model-shelf remote remove team` or choose another name.\n");

    const rm = await rig.cli(home, ['remote', 'remove', 'team']);
    expect(rm.code).toBe(0);
    expect((JSON.parse(await fsp.readFile(rig.remotesFile, 'utf8')) as { remotes: unknown[] }).remotes).toEqual([]);
    const rmAgain = await rig.cli(home, ['remote', 'remove', 'team']);
    expect(rmAgain.code).toBe(1);
    expect(rmAgain.stderr).toContain("There is no remote named 'team'");
  }, 120_000);

  it('saves nothing when the connection test fails (the bucket is missing)', async () => {
    const add = await rig.cli(home, ['remote', 'add', 'nobucket', 's3://no-such-bucket', '--endpoint', server.endpoint]);
    expect(add.code).toBe(1);
    expect(add.stderr).toBe(`Error: The bucket 'no-such-bucket' does not exist at ${server.endpoint}; create it or fix the remote's URL (remove the remote and add it again).\n`);
    const listed = await rig.cli(home, ['remote', 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((r) => r.name)).not.toContain('nobucket');
  }, 120_000);

  it('refuses plain http to another machine unless --allow-http, and bad URLs, with a sentence', async () => {
    const plain = await rig.cli(home, ['remote', 'add', 'far', 's3://shelf', '--endpoint', 'http://192.0.2.1:9000']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe("Error: The endpoint 'http://192.0.2.1:9000' is plain http to another machine, so keys and models would cross the network unencrypted; use https://, or pass --allow-http if that network is trusted.\n");
    const bad = await rig.cli(home, ['remote', 'add', 'bad', 'https://shelf/models']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'https://shelf/models' is not an S3 location; write it as s3://BUCKET or s3://BUCKET/PREFIX");
    const badName = await rig.cli(home, ['remote', 'add', '../x', 's3://shelf']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain("'../x' is not a usable remote name");
    // localhost by name is loopback too
    const local = await rig.cli(home, ['remote', 'add', 'byname', 's3://shelf', '--endpoint', server.endpoint.replace('127.0.0.1', 'localhost')]);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);
  }, 120_000);
});
