// The multi-threaded .bentomodel export (issue 13) is still ONE valid .xz stream that Python's
// lzma module, i.e. BentoML, reads: decoded by a single LZMADecompressor with nothing left over,
// to the very tar Model Shelf writes as `.tar`, and imported by `bentoml models import`
// byte-identical. The model spans several 2 MiB blocks, so the stream really has many blocks.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { splitXzStream } from '../../src-main/store/archive/xz-index.ts';
import { XZ_BLOCK_SIZE } from '../../src-main/store/archive/xz-parallel.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { bentoml, bentomlVenv, makeHome, removeHomes, SKIP_INTEROP } from './helpers/bentoml.ts';
import { modelTree, writeTree } from './helpers/fixtures.ts';
import { runProcess } from './helpers/process.ts';
import { shelfCli } from './helpers/shelf-cli.ts';
import { treeDigest } from './helpers/tree.ts';

// One LZMADecompressor decodes exactly one .xz stream: `eof` and no `unused_data` mean the file
// is one stream, whatever its number of blocks.
const PY_DECODE = [
  'import hashlib, json, lzma, sys',
  'd = lzma.LZMADecompressor()',
  'out = d.decompress(open(sys.argv[1], "rb").read())',
  'print(json.dumps({"eof": d.eof, "unused": len(d.unused_data), "check": d.check, "sha256": hashlib.sha256(out).hexdigest()}))',
].join('\n');

describe.skipIf(SKIP_INTEROP)('multi-threaded xz export -> Python lzma and BentoML', () => {
  let home = '';
  let made: ModelVersion;
  let store: ModelStore;

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('export-mt');
    const src = await writeTree(modelTree(5 * XZ_BLOCK_SIZE + 12345), home);
    store = await ModelStore.open({ home });
    const session = await store.begin({ tag: 'mt_clf' });
    await session.add([src], { root: true });
    made = await session.commit();
  });
  afterAll(removeHomes);

  it('the CLI export is one xz stream of several blocks that Python decodes to our tar; BentoML imports it byte-identical', { timeout: 300_000 }, async () => {
    const file = join(home, 'mt.bentomodel');
    const cli = await shelfCli(home, ['export', made.tag, file]);
    expect({ code: cli.code, err: cli.stderr }).toEqual({ code: 0, err: '' });
    const packed = await readFile(file);
    expect(splitXzStream(packed).records.length).toBeGreaterThanOrEqual(6);

    const tar = await readFile(await store.export(made.tag, join(home, 'same.tar')));
    const py = await runProcess((await bentomlVenv()).python, ['-c', PY_DECODE, file]);
    expect(py.stderr).toBe('');
    expect(JSON.parse(py.stdout)).toEqual({ eof: true, unused: 0, check: 4, sha256: createHash('sha256').update(tar).digest('hex') });

    const dst = await makeHome('export-mt-dst');
    const imported = await bentoml(dst, ['models', 'import', file]);
    expect({ code: imported.code, out: imported.stdout.trim() }).toEqual({ code: 0, out: `Model(tag="${made.tag}") imported.` });
    expect(await treeDigest(join(dst, 'models', 'mt_clf', made.version))).toEqual(await treeDigest(made.path));
  });
});
