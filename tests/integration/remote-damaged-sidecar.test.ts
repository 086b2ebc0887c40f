// A sidecar that is there but unusable (garbage JSON of the wrong types, a body longer than any
// record, sent without Content-Length) against a real S3 server (Versity Gateway): a pull never
// goes unchecked because of it, a push replaces it (If-Match its own ETag, so two repairers never
// fight and a good record written meanwhile stands), and a record from a newer Model Shelf (an
// unknown `hashedFrom`) keeps its hashes. What is asserted is what a user sees: CLI output and exit
// codes, versions in the local store, objects on the server.
import { promises as fsp } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listRemote } from '../../src-main/remote/remote-listing.ts';
import { makeRemoteSpec } from '../../src-main/remote/remote-spec.ts';
import { s3Client } from '../../src-main/remote/s3-client.ts';
import { repairSidecar } from '../../src-main/remote/sidecar-repair.ts';
import { loadStream, ModelStore } from '../../src-main/store/index.ts';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { lastLine, makeSource, remoteRig, sha256File, type RemoteRig } from './remote-helpers.ts';

const SLOW = 300_000;
const MIB = 1024 * 1024;

let server: S3Server;
let rig: RemoteRig;
let home: string;
let seed = 10;

/** A new local version of `name`, pushed to 'team': its tag, version and keys on the server. */
async function pushed(name: string): Promise<{ tag: string; version: string; archive: string; sidecar: string }> {
  const src = await makeSource(path.join(rig.root, `src-${name}`), 40_000, seed++);
  const created = await rig.cli(home, ['create', name, src]);
  expect(created.code, created.stderr).toBe(0);
  const tag = lastLine(created.stdout);
  const push = await rig.cli(home, ['push', tag, '--to', 'team']);
  expect(push.code, push.stderr).toBe(0);
  const version = tag.split(':')[1]!;
  return { tag, version, archive: `m/${name}/${version}.bentomodel`, sidecar: `m/${name}/${version}.bentomodel.shelf.json` };
}

const freshHome = (label: string): string => path.join(rig.root, `home-${label}-${seed++}`);
const hasVersion = (h: string, tag: string): Promise<boolean> =>
  fsp.access(path.join(h, 'models', ...tag.split(':'), 'model.yaml')).then(
    () => true,
    () => false,
  );
const serverJson = async (key: string): Promise<Record<string, unknown>> => JSON.parse((await server.getObject('shelf', key)).toString('utf8')) as Record<string, unknown>;
const archiveSha = async (key: string): Promise<string> => {
  const file = path.join(rig.root, 'archive.tmp');
  await fsp.writeFile(file, await server.getObject('shelf', key));
  return sha256File(file);
};

// Garbage of the wrong types: the format is ours, nothing else can be read.
const GARBAGE = JSON.stringify({ format: 'model-shelf-sidecar/1', name: 7, version: null, size: 'big', sha256: 'nope', files: 'x' });

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  rig = await remoteRig(server);
  home = path.join(rig.root, 'home');
  expect((await rig.cli(home, ['remote', 'add', 'team', 's3://shelf/m', '--endpoint', server.endpoint])).stderr).toBe('');
}, SLOW);

afterAll(async () => {
  await rig?.cleanup();
  await server?.close();
});

describe('a damaged sidecar', () => {
  it('refuses a pull in one sentence instead of pulling unchecked; a push writes the record again, then the pull is checked', async () => {
    const v = await pushed('garbage');
    await server.putObject('shelf', v.sidecar, GARBAGE);

    const other = freshHome('pull');
    const refused = await rig.cli(other, ['pull', v.tag, '--from', 'team']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Error: The checksum record of '${v.tag}' on remote 'team' is damaged, so its download cannot be checked and nothing was pulled; run \`model-shelf push ${v.tag} --to team\` from a machine that has this version to write the record again (or delete s3://shelf/${v.sidecar} to pull it unchecked).`,
    );
    expect(await hasVersion(other, v.tag)).toBe(false);

    const repaired = await rig.cli(home, ['push', v.tag, '--to', 'team']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout.trim()).toBe(`${v.tag} already there; its damaged record was written again: s3://shelf/${v.archive}`);
    const record = await serverJson(v.sidecar);
    expect(record).toMatchObject({ name: 'garbage', version: v.version, sha256: await archiveSha(v.archive), hashedFrom: 'remote-object' });

    // remote ls now shows the record's hash (the archive is no longer read for it).
    const ls = await rig.cli(home, ['remote', 'ls', 'team', 'garbage', '--json']);
    expect(ls.code, ls.stderr).toBe(0);
    expect((JSON.parse(ls.stdout) as { source: string; sha256: string | null }[]).map((r) => [r.source, r.sha256])).toEqual([['sidecar', record.sha256]]);
    const pull = await rig.cli(other, ['pull', v.tag, '--from', 'team']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(await hasVersion(other, v.tag)).toBe(true);
  }, SLOW);

  it('a record of other bytes (stale: another ETag) is replaced by the next push of the same content', async () => {
    const v = await pushed('stale');
    const old = await serverJson(v.sidecar);
    await server.putObject('shelf', v.sidecar, JSON.stringify({ ...old, etag: '0'.repeat(32) }));
    const repaired = await rig.cli(home, ['push', v.tag, '--to', 'team']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout.trim()).toBe(`${v.tag} already there; its out-of-date record was written again: s3://shelf/${v.archive}`);
    expect(await serverJson(v.sidecar)).toMatchObject({ etag: old.etag, sha256: await archiveSha(v.archive), hashedFrom: 'remote-object' });
  }, SLOW);

  it('two repairers of the same damaged record: one replaces it, the other changes nothing; a good record written meanwhile is never replaced', async () => {
    const v = await pushed('race');
    const good = (await server.getObject('shelf', v.sidecar)).toString('utf8');
    await server.putObject('shelf', v.sidecar, GARBAGE);
    // The SDK's credential chain reads this process's environment.
    vi.stubEnv('AWS_ACCESS_KEY_ID', server.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', server.secretAccessKey);
    const remote = makeRemoteSpec({ name: 'team', url: 's3://shelf/m', endpoint: server.endpoint });
    const client = s3Client(remote, rig.env());
    try {
      const store = await ModelStore.open({ home });
      const local = await (await loadStream()).versionContent(await store.resolve(v.tag));
      const listed = (await listRemote(client, remote, { name: 'race', env: rig.env() })).find((l) => l.version === v.version)!;
      expect(listed.sidecar).toBeNull();

      const [a, b] = await Promise.all([repairSidecar(client, remote, listed, local, { env: rig.env() }), repairSidecar(client, remote, listed, local, { env: rig.env() })]);
      expect([a.kind, b.kind].sort()).toEqual(['written', 'written-by-another']);
      const winner = a.kind === 'written' ? a : b;
      expect(await serverJson(v.sidecar)).toEqual(JSON.parse(JSON.stringify(winner.kind === 'differs' ? null : winner.sidecar)));

      // Damaged again, listed, then another push writes its good record before this repairer's write.
      await server.putObject('shelf', v.sidecar, GARBAGE);
      const stale = (await listRemote(client, remote, { name: 'race', env: rig.env() })).find((l) => l.version === v.version)!;
      expect(stale.sidecar).toBeNull();
      await server.putObject('shelf', v.sidecar, good);
      expect((await repairSidecar(client, remote, stale, local, { env: rig.env() })).kind).toBe('written-by-another');
      expect((await server.getObject('shelf', v.sidecar)).toString('utf8')).toBe(good);

      // Damaged, listed, then deleted before the repairer's write: the record is created (If-None-Match).
      await server.putObject('shelf', v.sidecar, GARBAGE);
      const gone = (await listRemote(client, remote, { name: 'race', env: rig.env() })).find((l) => l.version === v.version)!;
      await server.deleteObject('shelf', v.sidecar);
      const created = await repairSidecar(client, remote, gone, local, { env: rig.env() });
      expect(created.kind).toBe('written');
      expect(await serverJson(v.sidecar)).toEqual(JSON.parse(JSON.stringify(created.kind === 'differs' ? null : created.sidecar)));
    } finally {
      client.destroy();
      vi.unstubAllEnvs();
    }
  }, SLOW);
});

describe("a record from a newer Model Shelf (an unknown 'hashedFrom')", () => {
  it('keeps its hashes: listed with them, a push leaves it alone, a pull is checked against them', async () => {
    const v = await pushed('future');
    const record: Record<string, unknown> = { ...(await serverJson(v.sidecar)), hashedFrom: 'signed-manifest', hashedAt: '2031-01-01T00:00:00.000Z' };
    const text = JSON.stringify(record);
    await server.putObject('shelf', v.sidecar, text);

    const ls = await rig.cli(home, ['remote', 'ls', 'team', 'future', '--json']);
    expect(ls.code, ls.stderr).toBe(0);
    expect((JSON.parse(ls.stdout) as { source: string; sha256: string | null }[]).map((r) => [r.source, r.sha256])).toEqual([['sidecar', record.sha256]]);
    const again = await rig.cli(home, ['push', v.tag, '--to', 'team']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`${v.tag} already there: s3://shelf/${v.archive}`);
    expect((await server.getObject('shelf', v.sidecar)).toString('utf8')).toBe(text);

    // Its SHA-256 is what the pull checks: a record naming other bytes refuses the download.
    await server.putObject('shelf', v.sidecar, JSON.stringify({ ...record, sha256: 'f'.repeat(64) }));
    const other = freshHome('future');
    const refused = await rig.cli(other, ['pull', v.tag, '--from', 'team']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`Error: The archive of '${v.tag}' on remote 'team' does not match the SHA-256 its sidecar records, so nothing was added; push it again from a machine that has it.`);
    expect(await hasVersion(other, v.tag)).toBe(false);
    await server.putObject('shelf', v.sidecar, text);
    const pull = await rig.cli(other, ['pull', v.tag, '--from', 'team']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(await hasVersion(other, v.tag)).toBe(true);
  }, SLOW);
});

describe("a record of a newer format ('model-shelf-sidecar/2')", () => {
  it('is never replaced by an older push, and a pull asks for an update instead of going unchecked', async () => {
    const v = await pushed('newer');
    const text = JSON.stringify({ format: 'model-shelf-sidecar/2', archive: { digests: { 'sha3-256': 'a'.repeat(64) } } });
    await server.putObject('shelf', v.sidecar, text);

    const again = await rig.cli(home, ['push', v.tag, '--to', 'team']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`${v.tag} already there: s3://shelf/${v.archive}`);
    expect((await server.getObject('shelf', v.sidecar)).toString('utf8')).toBe(text);

    const other = freshHome('newer');
    const refused = await rig.cli(other, ['pull', v.tag, '--from', 'team']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Error: The checksum record of '${v.tag}' on remote 'team' was written by a newer Model Shelf (model-shelf-sidecar/2), so this one cannot check its download and nothing was pulled; update Model Shelf and pull again.`,
    );
    expect(await hasVersion(other, v.tag)).toBe(false);
    expect((await server.getObject('shelf', v.sidecar)).toString('utf8')).toBe(text);
  }, SLOW);
});

describe('a sidecar served without Content-Length', () => {
  let relay: Server | undefined;
  afterAll(async () => {
    relay?.closeAllConnections();
    await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
  });

  it('is read only up to the record limit (64 MiB), then judged damaged: listed without a hash, never pulled unchecked', async () => {
    const v = await pushed('huge');
    // 96 MiB of JSON-looking garbage, longer than any record.
    await server.putObject('shelf', v.sidecar, Buffer.alloc(96 * MIB, 0x20));
    // A relay that passes everything through unchanged (the SigV4 signature covers Host, which
    // stays the relay's) but answers a sidecar's GET chunked, without Content-Length, counting
    // the body bytes it could hand to the client.
    let sidecarBytes = 0;
    relay = createServer((incoming, res) => {
      const headers = { ...incoming.headers };
      delete headers.expect;
      const isSidecarGet = incoming.method === 'GET' && (incoming.url ?? '').split('?')[0]!.endsWith('.shelf.json');
      const upstream = request({ host: '127.0.0.1', port: server.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
        const out = { ...answer.headers };
        if (isSidecarGet) delete out['content-length'];
        res.writeHead(answer.statusCode ?? 502, out);
        res.on('close', () => answer.destroy());
        answer.on('data', (chunk: Buffer) => {
          if (isSidecarGet && !res.destroyed) sidecarBytes += chunk.length;
          if (!res.write(chunk)) answer.pause();
        });
        res.on('drain', () => answer.resume());
        answer.on('end', () => res.end());
      });
      upstream.on('error', () => res.destroy());
      incoming.pipe(upstream);
    });
    await new Promise<void>((resolve) => relay!.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const added = await rig.cli(home, ['remote', 'add', 'relayed', 's3://shelf/m', '--endpoint', endpoint]);
    expect(added.code, added.stderr).toBe(0);

    const ls = await rig.cli(home, ['remote', 'ls', 'relayed', 'huge', '--json']);
    expect(ls.code, ls.stderr).toBe(0);
    expect((JSON.parse(ls.stdout) as { tag: string; sha256: string | null }[]).map((r) => [r.tag, r.sha256])).toEqual([[v.tag, null]]);
    // The reader stopped at the limit: what crossed the relay is the limit plus socket buffers, not the 96 MiB.
    expect(sidecarBytes).toBeGreaterThan(64 * MIB);
    expect(sidecarBytes).toBeLessThan(80 * MIB);

    const other = freshHome('huge');
    const refused = await rig.cli(other, ['pull', v.tag, '--from', 'relayed']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The checksum record of '${v.tag}' on remote 'relayed' is damaged`);
    expect(await hasVersion(other, v.tag)).toBe(false);
  }, SLOW);
});
