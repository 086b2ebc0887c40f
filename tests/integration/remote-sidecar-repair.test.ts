// The sidecar repair's conditional create against a real S3 server (Versity Gateway): two pushes
// that both find an archive without its sidecar never overwrite each other's record (If-None-Match:
// *), and a record is written only for an archive whose content is the local version's.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listRemote } from '../../src-main/remote/remote-listing.ts';
import { makeRemoteSpec } from '../../src-main/remote/remote-spec.ts';
import { s3Client } from '../../src-main/remote/s3-client.ts';
import { repairSidecar } from '../../src-main/remote/sidecar-repair.ts';
import { loadStream, ModelStore, type VersionContent } from '../../src-main/store/index.ts';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { lastLine, makeSource, remoteRig, type RemoteRig } from './remote-helpers.ts';

let server: S3Server;
let rig: RemoteRig;
let home: string;
let tag: string;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
  tag = lastLine((await rig.cli(home, ['create', 'small', await makeSource(path.join(rig.root, 'src'), 50_000, 3)])).stdout);
  expect((await rig.cli(home, ['remote', 'add', 'team', 's3://shelf/m', '--endpoint', server.endpoint])).stderr).toBe('');
  expect((await rig.cli(home, ['push', tag, '--to', 'team'])).stderr).toBe('');
}, 300_000);

afterAll(async () => {
  await rig?.cleanup();
  await server?.close();
});

describe('sidecar repair', () => {
  it('the first repairer writes the record, a second one finds it written and changes nothing; other content gets none', async () => {
    const version = tag.split(':')[1]!;
    const sidecarKey = `m/small/${version}.bentomodel.shelf.json`;
    await server.deleteObject('shelf', sidecarKey);
    // The SDK's credential chain reads this process's environment.
    vi.stubEnv('AWS_ACCESS_KEY_ID', server.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', server.secretAccessKey);
    const remote = makeRemoteSpec({ name: 'team', url: 's3://shelf/m', endpoint: server.endpoint });
    const client = s3Client(remote, rig.env());
    try {
      const store = await ModelStore.open({ home });
      const local = await (await loadStream()).versionContent(await store.resolve(tag));
      const listed = (await listRemote(client, remote, { name: 'small', env: rig.env() })).find((l) => l.version === version)!;
      expect(listed.sidecar).toBeNull();

      // Another version's content: nothing is written.
      const other: VersionContent = { ...local, files: [...local.files, { path: 'extra.bin', size: 1 }] };
      expect(await repairSidecar(client, remote, listed, other, { env: rig.env() })).toEqual({ kind: 'differs' });
      expect((await server.listObjects('shelf', 'm/small/')).map((o) => o.key)).toEqual([`m/small/${version}.bentomodel`]);

      const [a, b] = await Promise.all([repairSidecar(client, remote, listed, local, { env: rig.env() }), repairSidecar(client, remote, listed, local, { env: rig.env() })]);
      expect([a.kind, b.kind].sort()).toEqual(['written', 'written-by-another']);
      const winner = a.kind === 'written' ? a : b;
      const onServer = JSON.parse((await server.getObject('shelf', sidecarKey)).toString('utf8')) as Record<string, unknown>;
      expect(winner.kind === 'differs' ? null : onServer).toEqual(JSON.parse(JSON.stringify(winner.kind === 'differs' ? null : winner.sidecar)));
      const again = await repairSidecar(client, remote, listed, local, { env: rig.env() });
      expect(again.kind).toBe('written-by-another');
      expect(JSON.parse((await server.getObject('shelf', sidecarKey)).toString('utf8'))).toEqual(onServer);
    } finally {
      client.destroy();
      vi.unstubAllEnvs();
    }
  }, 300_000);
});
