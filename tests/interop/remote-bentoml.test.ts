// Issue 10: a remote shelf is BentoML-native. What `model-shelf push` puts on a real S3 server
// (Versity S3 Gateway) is imported by `bentoml models import s3://...` on a machine without Model
// Shelf, and what `bentoml models export TAG s3://...` writes there is listed and pulled by
// Model Shelf: same tag, labels (the awkward ones), metadata and files, both ways.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { startS3Server, type S3Server } from '../integration/fixtures/s3-server.ts';
import { bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type PyModel } from './helpers/bentoml.ts';
import { asGetJson, tagged } from './helpers/exact-json.ts';
import { AWKWARD_LABELS, AWKWARD_METADATA, modelTree, pythonMetadata, writeTree } from './helpers/fixtures.ts';
import { bentomlS3, shelfRemotes, type EndpointVariable, type ShelfRemotes } from './helpers/remote.ts';
import { treeDigest } from './helpers/tree.ts';

const BUCKET = 'team-models';
const PREFIX = 'shelf/prod';

interface GetJson {
  name: string;
  version: string;
  labels: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** One version as `model-shelf remote ls --json` reports it (the fields these tests read). */
interface RemoteRow {
  tag: string;
  size: number;
  uri: string;
  state: string;
  sha256: string | null;
  source: string;
  labels: Record<string, string>;
}

/** The versions of `remote ls --json` (a flat array, newest first within a name). */
function remoteRows(stdout: string): RemoteRow[] {
  return JSON.parse(stdout) as RemoteRow[];
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe.skipIf(SKIP_INTEROP)('remote shelves and real BentoML on one S3 server', () => {
  let server: S3Server;
  let remotes: ShelfRemotes;

  beforeAll(async () => {
    await bentomlVenv();
    server = await startS3Server({ buckets: [BUCKET] });
    remotes = await shelfRemotes(server);
    const added = await remotes.cli(await makeHome('remote-add'), ['remote', 'add', 'team', `s3://${BUCKET}/${PREFIX}`, '--endpoint', server.endpoint]);
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(async () => {
    await server?.close();
    await remotes?.cleanup();
    await removeHomes();
  });

  describe('model-shelf push -> bentoml models import s3://', () => {
    let home = '';
    let made: ModelVersion;
    let uri = '';

    beforeAll(async () => {
      home = await makeHome('push-src');
      const src = await writeTree(modelTree(6 * 1024 * 1024 + 17));
      const store = await ModelStore.open({ home });
      const session = await store.begin({ tag: 'iris_clf', labels: AWKWARD_LABELS, metadata: AWKWARD_METADATA });
      await session.add([src], { root: true });
      made = await session.commit();
      uri = `s3://${BUCKET}/${PREFIX}/iris_clf/${made.version}.bentomodel`;
      const pushed = await remotes.cli(home, ['push', 'iris_clf', '--to', 'team']);
      expect({ code: pushed.code, stderr: pushed.stderr }).toEqual({ code: 0, stderr: '' });
    });

    it('puts one object at PREFIX/NAME/VERSION.bentomodel, byte for byte what model-shelf export writes, and its sidecar', async () => {
      const keys = (await server.listObjects(BUCKET, `${PREFIX}/iris_clf/`)).map((o) => o.key);
      const archiveKey = `${PREFIX}/iris_clf/${made.version}.bentomodel`;
      expect(keys).toContain(archiveKey);
      // Besides the archive only its sidecar: nothing BentoML could mistake for another version.
      expect(keys.filter((k) => k !== archiveKey).every((k) => k.startsWith(archiveKey) && k !== archiveKey)).toBe(true);
      expect(keys.length).toBe(2);

      const exported = await remotes.cli(home, ['export', made.tag, `${home}/`]);
      expect(exported.code).toBe(0);
      const local = await readFile(exported.stdout.trim().split('\n').pop()!);
      expect(sha256(await server.getObject(BUCKET, archiveKey))).toBe(sha256(local));
      expect(await server.listMultipartUploads(BUCKET)).toEqual([]);
    });

    for (const variable of ['AWS_ENDPOINT_URL', 'FSSPEC_S3_ENDPOINT_URL'] as EndpointVariable[]) {
      it(`bentoml models import ${'s3://…'} (endpoint from ${variable}) gets the same tag, labels, metadata and files`, async () => {
        const dst = await makeHome('push-dst');
        const imported = await bentomlS3(server, dst, ['models', 'import', uri], variable);
        expect({ code: imported.code, out: imported.stdout.trim(), err: imported.stderr }).toEqual({
          code: 0, out: `Model(tag="${made.tag}") imported.`, err: '',
        });
        expect(await treeDigest(join(dst, 'models', 'iris_clf', made.version))).toEqual(await treeDigest(made.path));
        const theirs = await bentomlJson<GetJson>(dst, ['models', 'get', made.tag]);
        expect(`${theirs.name}:${theirs.version}`).toBe(made.tag);
        expect(theirs.labels).toEqual(AWKWARD_LABELS);
        expect(theirs.metadata).toEqual(asGetJson(tagged(AWKWARD_METADATA)));
      });
    }

    it('remote ls lists the pushed version from its sidecar as local, with its labels and the URI BentoML takes', async () => {
      const listed = await remotes.cli(home, ['remote', 'ls', 'team', '--json']);
      expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' });
      const row = remoteRows(listed.stdout).find((r) => r.tag === made.tag);
      expect(row).toMatchObject({ uri, state: 'local', source: 'sidecar', labels: AWKWARD_LABELS });
    });
  });

  describe('bentoml models export TAG s3:// -> model-shelf remote ls and pull', () => {
    let bentoHome = '';
    let source: PyModel;
    let uri = '';

    beforeAll(async () => {
      bentoHome = await makeHome('export-src');
      const files = modelTree(3 * 1024 * 1024 + 5).map((f) => ({ path: f.path, size: f.size }));
      source = pyOk<PyModel>(
        (await pyOps(bentoHome, [{ op: 'create', name: 'churn', labels: AWKWARD_LABELS, metadata: pythonMetadata(AWKWARD_METADATA), files }]))[0],
      );
      const version = source.tag.split(':')[1]!;
      uri = `s3://${BUCKET}/${PREFIX}/churn/${version}.bentomodel`;
      const exported = await bentomlS3(server, bentoHome, ['models', 'export', source.tag, uri]);
      expect({ code: exported.code, out: exported.stdout.trim() }).toEqual({
        code: 0, out: `Model(tag="${source.tag}") exported to ${uri.slice('s3://'.length)}.`,
      });
      // BentoML writes the archive alone: no sidecar.
      expect((await server.listObjects(BUCKET, `${PREFIX}/churn/`)).map((o) => o.key)).toEqual([`${PREFIX}/churn/${version}.bentomodel`]);
    });

    it('remote ls lists the archive BentoML wrote (no sidecar) by its key and size, as remote-only', async () => {
      const home = await makeHome('ls-empty');
      const [object] = await server.listObjects(BUCKET, `${PREFIX}/churn/`);
      const listed = await remotes.cli(home, ['remote', 'ls', 'team', 'churn', '--json']);
      expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' });
      const rows = remoteRows(listed.stdout);
      expect(rows.map((r) => ({ tag: r.tag, size: r.size, uri: r.uri, state: r.state, sha256: r.sha256 }))).toEqual([
        { tag: source.tag, size: object!.size, uri, state: 'remote-only', sha256: null },
      ]);
      // No sidecar: the details come from the key alone or from the archive's own model.yaml.
      expect(['key', 'archive']).toContain(rows[0]!.source);
      if (rows[0]!.source === 'archive') expect(rows[0]!.labels).toEqual(AWKWARD_LABELS);
    });

    it('model-shelf pull makes the identical version, which BentoML reads with every label and metadata value', async () => {
      const home = await makeHome('pull-dst');
      const pulled = await remotes.cli(home, ['pull', 'churn', '--from', 'team']);
      expect({ code: pulled.code, stderr: pulled.stderr }).toEqual({ code: 0, stderr: '' });
      const version = source.tag.split(':')[1]!;
      expect(await treeDigest(join(home, 'models', 'churn', version))).toEqual(await treeDigest(source.path));
      const theirs = await bentomlJson<GetJson>(home, ['models', 'get', source.tag]);
      expect(theirs.labels).toEqual(AWKWARD_LABELS);
      expect(theirs.metadata).toEqual(asGetJson(tagged(AWKWARD_METADATA)));
      const [model] = await pyOps(home, [{ op: 'get', tag: source.tag }]);
      expect(pyOk<PyModel>(model).metadata).toEqual(pyOk<PyModel>((await pyOps(bentoHome, [{ op: 'get', tag: source.tag }]))[0]).metadata);

      const listed = await remotes.cli(home, ['remote', 'ls', 'team', 'churn', '--json']);
      expect(remoteRows(listed.stdout).map((r) => [r.tag, r.state])).toEqual([[source.tag, 'local']]);
      // Listing and pulling wrote nothing to the remote: BentoML's archive is still alone there.
      expect((await server.listObjects(BUCKET, `${PREFIX}/churn/`)).map((o) => o.key)).toEqual([`${PREFIX}/churn/${version}.bentomodel`]);
    });

    it('pushing that same version gives BentoML\'s archive a sidecar read from the object (its members are in name order, ours in folder order), archive untouched', async () => {
      const home = await makeHome('push-over-bentoml');
      const version = source.tag.split(':')[1]!;
      const key = `${PREFIX}/churn/${version}.bentomodel`;
      const before = await server.getObject(BUCKET, key);
      expect((await remotes.cli(home, ['pull', source.tag, '--from', 'team'])).code).toBe(0);
      const pushed = await remotes.cli(home, ['push', source.tag, '--to', 'team']);
      expect({ code: pushed.code, stderr: pushed.stderr, stdout: pushed.stdout.trim() }).toEqual({
        code: 0,
        stderr: '',
        stdout: `${source.tag} already there; its missing record was written: ${uri}`,
      });
      expect(await server.getObject(BUCKET, key)).toEqual(before);
      const record = JSON.parse((await server.getObject(BUCKET, `${key}.shelf.json`)).toString('utf8')) as { sha256: string; size: number; hashedFrom: string };
      expect(record).toMatchObject({ sha256: sha256(before), size: before.length, hashedFrom: 'remote-object' });
      const listed = await remotes.cli(home, ['remote', 'ls', 'team', 'churn', '--json']);
      expect(remoteRows(listed.stdout).map((r) => [r.tag, r.state, r.source, r.sha256])).toEqual([[source.tag, 'local', 'sidecar', sha256(before)]]);
      // BentoML still imports its own archive (the sidecar beside it changes nothing for it).
      const dst = await makeHome('import-after-record');
      const imported = await bentomlS3(server, dst, ['models', 'import', uri]);
      expect(imported.code).toBe(0);
      expect(await treeDigest(join(dst, 'models', 'churn', version))).toEqual(await treeDigest(source.path));
    });
  });
});
