// Issue 8 item 1 against real BentoML: `model-shelf create` and `import` refuse sources that are,
// lie in, or hold the store's own folders, and afterwards BentoML lists and loads every model
// exactly as before, byte for byte.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentomlJson, bentomlVenv, pyOk, pyOps, removeHomes, makeHome, SKIP_INTEROP, type ListRow, type PyModel } from './helpers/bentoml.ts';
import { shelfCli } from './helpers/shelf-cli.ts';
import { treeDigest } from './helpers/tree.ts';

describe.skipIf(SKIP_INTEROP)('sources inside the store are refused; BentoML still reads every model', () => {
  let home = '';
  let outside = '';
  let rows: ListRow[] = [];
  let hashes: Record<string, string> = {};

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('inside');
    outside = join(dirname(home), `${home.split('/').at(-1) ?? 'x'}-outside`);
    await mkdir(outside, { recursive: true });
    const files = [{ path: 'weights.bin', size: 70_000 }, { path: 'tok/vocab.txt', text: 'a\nb\n' }];
    for (const version of ['a', 'b']) pyOk((await pyOps(home, [{ op: 'create', name: 'base', version, files }]))[0]);
    await writeFile(join(outside, 'w.bin'), 'weights');
    expect((await shelfCli(home, ['create', 'other:v1', join(outside, 'w.bin')])).code).toBe(0);
    rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    hashes = await treeDigest(join(home, 'models'));
  });
  afterAll(async () => {
    await rm(outside, { recursive: true, force: true });
    await removeHomes();
  });

  it.each([
    { label: 'create everything --move H/models', args: () => ['create', 'everything', '--move', join(home, 'models')] },
    { label: 'create m --move --root H/models/base', args: () => ['create', 'm', '--move', '--root', join(home, 'models', 'base')] },
    { label: 'create m H/models (copy)', args: () => ['create', 'm', join(home, 'models')] },
    { label: 'create m --move H (the home)', args: () => ['create', 'm', '--move', home] },
    { label: 'create m --move <a link to H/models/base from outside>', args: () => ['create', 'm', '--move', join(outside, 'to-base')] },
    { label: 'import H/models/base/a', args: () => ['import', join(home, 'models', 'base', 'a')] },
  ])('$label: exit 1, one sentence, BentoML lists and loads the same models', async ({ args }) => {
    await symlink(join(home, 'models', 'base'), join(outside, 'to-base')).catch(() => undefined);
    const result = await shelfCli(home, args());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: '[^\n]+' (is|is inside|contains|is a symbolic link into|is the folder of 'base:a' in) this store[^\n]*\n$/);
    expect(await bentomlJson<ListRow[]>(home, ['models', 'list'])).toEqual(rows);
    expect(await treeDigest(join(home, 'models'))).toEqual(hashes);
    const [a, b, other] = await pyOps(home, [{ op: 'get', tag: 'base:a' }, { op: 'get', tag: 'base:b' }, { op: 'get', tag: 'other:v1' }]);
    expect([pyOk<PyModel>(a).tag, pyOk<PyModel>(b).tag, pyOk<PyModel>(other).tag]).toEqual(['base:a', 'base:b', 'other:v1']);
  });
});
