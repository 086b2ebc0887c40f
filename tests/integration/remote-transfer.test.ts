// push / remote ls / pull against a real S3 server (Versity Gateway): the object is byte for byte
// `model-shelf export`, listing reads sidecars and never archives that have one, a pull lands
// the same files, conflicts are "already there" or a sentence, a BentoML-style archive without
// sidecar is listed and pulled, a bare name is the newest version on the side it is read from.
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from './fixtures/s3-server.ts';
import { startS3Proxy, type S3Proxy } from './fixtures/s3-proxy.ts';
import { fileHashes, lastLine, makeSource, remoteRig, sha256File, type RemoteRig } from './remote-helpers.ts';

let server: S3Server;
let proxy: S3Proxy;
let rig: RemoteRig;
let homeA: string;
let homeB: string;
let v1: string;
let v2: string;

interface LsRow {
  tag: string;
  state: string;
  source: string;
  labels: Record<string, string>;
  sha256: string | null;
  size: number;
  uri: string;
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  // Through a relay that records every request, so a test can prove which objects were read.
  proxy = await startS3Proxy(server.port);
  rig = await remoteRig(server);
  homeA = path.join(rig.root, 'a');
  homeB = path.join(rig.root, 'b');
  const src = await makeSource(path.join(rig.root, 'src1'), 300_000, 1);
  const src2 = await makeSource(path.join(rig.root, 'src2'), 200_000, 2);
  v1 = lastLine((await rig.cli(homeA, ['create', 'iris', src, '--label', 'stage=dev'])).stdout);
  v2 = lastLine((await rig.cli(homeA, ['create', 'iris', src2, '--label', 'stage=prod', '--metadata', 'acc=0.97'])).stdout);
  const add = await rig.cli(homeA, ['remote', 'add', 'team', 's3://shelf/models', '--endpoint', proxy.endpoint]);
  expect(add.stderr).toBe('');
}, 300_000);

afterAll(async () => {
  await rig?.cleanup();
  await proxy?.close();
  await server?.close();
});

const ls = async (home: string, args: string[] = []): Promise<LsRow[]> => {
  const r = await rig.cli(home, ['remote', 'ls', 'team', ...args, '--json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as LsRow[];
};

describe('push, remote ls, pull', () => {
  it('pushes the exact bytes of `model-shelf export`, with a sidecar, and skips a second push', async () => {
    const push = await rig.cli(homeA, ['push', v1, v2, '--to', 'team']);
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    const [, ver1] = v1.split(':');
    const [, ver2] = v2.split(':');
    expect(push.stdout).toContain(`Pushed ${v1} to s3://shelf/models/iris/${ver1}.bentomodel`);
    const objects = (await server.listObjects('shelf')).map((o) => o.key);
    // The server lists keys in byte order; two versions made in the same second can sort either way.
    const expected = [ver1, ver2].flatMap((ver) => [`models/iris/${ver}.bentomodel`, `models/iris/${ver}.bentomodel.shelf.json`]);
    expect(objects).toEqual(expected.sort());
    // Byte for byte what `export` writes (so BentoML imports it), and the SHA the sidecar records.
    const out = path.join(rig.root, 'exported.bentomodel');
    expect((await rig.cli(homeA, ['export', v1, out])).code).toBe(0);
    const object = await server.getObject('shelf', `models/iris/${ver1}.bentomodel`);
    expect(object.equals(await fsp.readFile(out))).toBe(true);
    const sidecar = JSON.parse((await server.getObject('shelf', `models/iris/${ver1}.bentomodel.shelf.json`)).toString()) as { sha256: string; size: number; modelYaml: string };
    expect(sidecar.sha256).toBe(await sha256File(out));
    expect(sidecar.size).toBe(object.length);
    expect(sidecar.modelYaml).toBe(await fsp.readFile(path.join(homeA, 'models', 'iris', ver1 ?? '', 'model.yaml'), 'utf8'));
    expect(await server.listMultipartUploads('shelf')).toEqual([]);
    expect(objects.some((k) => k.includes('.model-shelf/pushes/'))).toBe(false);

    const again = await rig.cli(homeA, ['push', 'iris:' + ver1, '--to', 'team']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${v1} already there: s3://shelf/models/iris/${ver1}.bentomodel\n`);
  }, 180_000);

  it('lists from sidecars only (no archive is read), with labels, sizes and local state', async () => {
    const before = proxy.seen.length;
    const rows = await ls(homeA);
    const reads = proxy.seen.slice(before).filter((r) => r.method === 'GET' && /\.bentomodel(\?|$)/.test(r.url));
    expect(reads).toEqual([]);
    expect(rows.map((r) => [r.tag, r.state, r.source, r.labels.stage])).toEqual([
      [v2, 'local', 'sidecar', 'prod'],
      [v1, 'local', 'sidecar', 'dev'],
    ]);
    expect(rows.every((r) => r.sha256?.length === 64 && r.size > 0)).toBe(true);
    // From a store that has none of them: remote-only.
    expect((await ls(homeB)).map((r) => r.state)).toEqual(['remote-only', 'remote-only']);
    const table = await rig.cli(homeA, ['remote', 'ls', 'team']);
    expect(table.stdout).toMatch(new RegExp(`${v2}\\s.*\\slocal\\s+stage=prod`));
  }, 180_000);

  it('pulls a bare name as the newest version on the remote, with identical files', async () => {
    const pull = await rig.cli(homeB, ['pull', 'iris', '--from', 'team']);
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain(`Pulled ${v2} from`);
    const ver2 = v2.split(':')[1] ?? '';
    expect(await fileHashes(path.join(homeB, 'models', 'iris', ver2))).toEqual(await fileHashes(path.join(homeA, 'models', 'iris', ver2)));
    // Nothing left in staging, and the rows now say local / remote-only.
    expect(await fsp.readdir(path.join(homeB, '.model-shelf', 'staging'))).toEqual([]);
    expect((await ls(homeB)).map((r) => [r.tag, r.state])).toEqual([
      [v2, 'local'],
      [v1, 'remote-only'],
    ]);
    const again = await rig.cli(homeB, ['pull', v2, '--from', 'team']);
    expect(again.stdout).toBe(`${v2} already there.\n`);
  }, 180_000);

  it('says differs, and refuses a push or pull of a tag whose content differs', async () => {
    const ver2 = v2.split(':')[1] ?? '';
    // The local copy in B changes (a file is added): the same tag, other content.
    await fsp.writeFile(path.join(homeB, 'models', 'iris', ver2, 'extra.txt'), 'changed\n');
    expect((await ls(homeB, ['iris'])).find((r) => r.tag === v2)?.state).toBe('differs');
    const push = await rig.cli(homeB, ['push', v2, '--to', 'team']);
    expect(push.code).toBe(1);
    expect(push.stderr).toBe(`Error: Remote 'team' already has '${v2}' with different content; nothing was pushed. Pull it under another store to compare, or delete it on the remote first if yours is the right one.\n`);
    const pull = await rig.cli(homeB, ['pull', v2, '--from', 'team']);
    expect(pull.code).toBe(1);
    expect(pull.stderr).toBe(`Error: The local store already has '${v2}' with different content than remote 'team'; nothing was pulled. Delete the local version first if the remote's is the right one.\n`);
  }, 180_000);

  it('lists and pulls an archive that BentoML wrote (no sidecar), reading its model.yaml only on demand', async () => {
    const src = await makeSource(path.join(rig.root, 'src3'), 100_000, 3);
    const v3 = lastLine((await rig.cli(homeA, ['create', 'bento_style', src, '--label', 'team=ml'])).stdout);
    const file = path.join(rig.root, 'v3.bentomodel');
    expect((await rig.cli(homeA, ['export', v3, file])).code).toBe(0);
    const key = `models/bento_style/${v3.split(':')[1]}.bentomodel`;
    await server.putObject('shelf', key, await fsp.readFile(file));
    // Without a model name and without a local copy it is listed from its key and size alone.
    const bare = (await ls(homeB)).find((r) => r.tag === v3);
    expect(bare).toMatchObject({ source: 'key', state: 'remote-only', labels: {} });
    const rows = await ls(homeB, ['bento_style']);
    expect(rows).toMatchObject([{ tag: v3, source: 'archive', state: 'remote-only', labels: { team: 'ml' }, sha256: null }]);
    const pull = await rig.cli(homeB, ['pull', 'bento_style', '--from', 'team']);
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    const ver = v3.split(':')[1] ?? '';
    expect(await fileHashes(path.join(homeB, 'models', 'bento_style', ver))).toEqual(await fileHashes(path.join(homeA, 'models', 'bento_style', ver)));
    expect((await ls(homeB, ['bento_style']))[0]?.state).toBe('local');
  }, 180_000);

  it('reads a sidecar-less archive only up to its model.yaml: a few MiB of a 48 MiB archive when model.yaml comes first, all of it when last', async () => {
    const src = await makeSource(path.join(rig.root, 'src4'), 1_000, 4);
    const tagOf = async (name: string): Promise<string> => lastLine((await rig.cli(homeA, ['create', name, src, '--label', `order=${name}`])).stdout);
    const build = async (tag: string, yamlFirst: boolean): Promise<{ key: string; size: number }> => {
      const [name, ver] = tag.split(':') as [string, string];
      const out = path.join(rig.root, `${name}.bentomodel`);
      // An xz tar like BentoML's export: model.yaml and a 48 MiB incompressible weights file, in the order asked.
      const script = [
        'import io, os, sys, tarfile, random',
        'out, yaml, first = sys.argv[1], sys.argv[2], sys.argv[3] == "1"',
        'weights = random.Random(5).randbytes(48 * 1024 * 1024)',
        'def add(t, n, b):',
        '    i = tarfile.TarInfo(n); i.size = len(b); i.mtime = 0; t.addfile(i, io.BytesIO(b))',
        'with tarfile.open(out, "w:xz", preset=0) as t:',
        '    y = open(yaml, "rb").read()',
        '    if first: add(t, "model.yaml", y)',
        '    add(t, "weights.bin", weights)',
        '    if not first: add(t, "model.yaml", y)',
      ].join('\n');
      execFileSync('python3', ['-c', script, out, path.join(homeA, 'models', name, ver, 'model.yaml'), yamlFirst ? '1' : '0']);
      const key = `models/${name}/${ver}.bentomodel`;
      const body = await fsp.readFile(out);
      await server.putObject('shelf', key, body);
      return { key, size: body.length };
    };
    const first = await build(await tagOf('yaml_first'), true);
    const last = await build(await tagOf('yaml_last'), false);
    const served = (key: string): number => proxy.seen.filter((r) => r.method === 'GET' && new URL(r.url, 'http://x').pathname === `/shelf/${key}`).reduce((n, r) => n + r.responseBytes, 0);

    expect(await ls(homeB, ['yaml_first'])).toMatchObject([{ source: 'archive', labels: { order: 'yaml_first' } }]);
    // The read stops at the member: what still arrives is what the sockets held when it stopped.
    expect(first.size).toBeGreaterThan(48 * 1024 * 1024);
    expect(served(first.key)).toBeGreaterThan(0);
    expect(served(first.key)).toBeLessThan(first.size / 6);

    // model.yaml last: the whole archive streams through (nothing kept in memory or on disk), once.
    expect(await ls(homeB, ['yaml_last'])).toMatchObject([{ source: 'archive', labels: { order: 'yaml_last' } }]);
    expect(served(last.key)).toBe(last.size);
    process.stdout.write(`sidecar-less listing: ${served(first.key)} of ${first.size} bytes read (model.yaml first), ${served(last.key)} of ${last.size} (model.yaml last)\n`);
  }, 600_000);

  it('pulls into a home that has no store yet, and names a missing tag in one sentence', async () => {
    const fresh = path.join(rig.root, 'fresh');
    const pull = await rig.cli(fresh, ['pull', v1, '--from', 'team']);
    expect(pull.stderr).toBe('');
    expect(pull.code).toBe(0);
    const missing = await rig.cli(fresh, ['pull', 'iris:nosuchversion', '--from', 'team']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("Error: Remote 'team' has no version 'nosuchversion' of 'iris'; run `model-shelf remote ls team iris` to see its versions.\n");
    const noName = await rig.cli(fresh, ['pull', 'nomodel', '--from', 'team']);
    expect(noName.stderr).toBe("Error: Remote 'team' has no model named 'nomodel'; run `model-shelf remote ls team` to see what it holds.\n");
    const noRemote = await rig.cli(fresh, ['push', v1, '--to', 'nope']);
    expect(noRemote.stderr).toContain("There is no remote named 'nope'");
  }, 180_000);
});
