// Format spec §11 cases 7 and 8: archives travel both ways, byte-identical, and a second import
// of the same tag is refused by both tools.
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { sniffArchive } from '../../src-main/store/archive/archive-sniff.ts';
import { exportModel } from '../../src-main/store/archive/export-model.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import {
  bentoml, bentomlAtLeast, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type ListRow, type PyModel,
} from './helpers/bentoml.ts';
import { modelTree, writeTree } from './helpers/fixtures.ts';
import { shelfCli } from './helpers/shelf-cli.ts';
import { treeDigest } from './helpers/tree.ts';

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

async function head(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, 0);
    return buf;
  } finally {
    await fh.close();
  }
}

describe.skipIf(SKIP_INTEROP)('BentoML export -> Model Shelf import (§11 case 7)', () => {
  let source: PyModel;
  let sourceHome = '';
  let outDir = '';
  let archive = '';

  beforeAll(async () => {
    await bentomlVenv();
    sourceHome = await makeHome('case7-src');
    outDir = join(sourceHome, 'out');
    await mkdir(outDir);
    const files = modelTree(12 * 1024 * 1024).map((f) => ({ path: f.path, size: f.size }));
    source = pyOk<PyModel>((await pyOps(sourceHome, [{ op: 'create', name: 'iris_clf', labels: { stage: 'yes' }, files }]))[0]);
    const exported = await bentoml(sourceHome, ['models', 'export', source.tag, outDir]);
    expect(exported.code).toBe(0);
    archive = join(outDir, `${source.tag.replace(':', '-')}.bentomodel`);
  });
  afterAll(removeHomes);

  it('BentoML wrote an xz tar with model.yaml at the root', async () => {
    expect(await head(archive, 6)).toEqual(XZ_MAGIC);
    expect(await sniffArchive(archive)).toBe('xz');
    const [members] = await pyOps(sourceHome, [{ op: 'tar_members', path: archive }]);
    const names = pyOk<string[]>(members);
    if (await bentomlAtLeast('1.4.20')) {
      // shutil.make_archive: a `.` entry and `./`-prefixed names (§7.1).
      expect(names).toContain('./model.yaml');
      expect(names.every((n) => n === '.' || n.startsWith('./'))).toBe(true);
    } else {
      // PyFilesystem WriteTarFS: plain relative names, no root entry.
      expect(names).toContain('model.yaml');
      expect(names.some((n) => n === '.' || n.startsWith('./'))).toBe(false);
    }
  });

  it('imports byte-identical with the same tag; BentoML lists it; a second import is refused', async () => {
    const home = await makeHome('case7-dst');
    const store = await ModelStore.open({ home });
    const imported: ModelVersion = await store.import(archive);
    expect(imported.tag).toBe(source.tag);
    expect(await treeDigest(imported.path)).toEqual(await treeDigest(source.path));
    const rows = await bentomlJson<ListRow[]>(home, ['models', 'list']);
    expect(rows.map((r) => r.tag)).toEqual([source.tag]);
    expect(await readFile(join(home, 'models', 'iris_clf', 'latest'), 'utf8')).toBe(source.tag.split(':')[1]);

    await expect(store.import(archive)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const cli = await shelfCli(home, ['import', archive]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/already exists/i);
    expect(await treeDigest(imported.path)).toEqual(await treeDigest(source.path));
  });

  it('imports every other format BentoML exports (gz, xz, bz2, tar, zip)', async () => {
    const small = pyOk<PyModel>(
      (await pyOps(sourceHome, [{ op: 'create', name: 'fmt', files: [{ path: 'a/b.bin', size: 3000 }, { path: '.h', size: 1 }] }]))[0],
    );
    for (const ext of ['gz', 'xz', 'bz2', 'tar', 'zip']) {
      const file = pyOk<string>((await pyOps(sourceHome, [{ op: 'export', tag: small.tag, out: join(outDir, `fmt.${ext}`) }]))[0]);
      const home = await makeHome(`case7-${ext}`);
      const imported = await (await ModelStore.open({ home })).import(file);
      expect({ ext, tag: imported.tag }).toEqual({ ext, tag: small.tag });
      expect(await treeDigest(imported.path)).toEqual(await treeDigest(small.path));
    }
  });
});

describe.skipIf(SKIP_INTEROP)('Model Shelf export -> BentoML import (§11 case 8)', () => {
  let home = '';
  let made: ModelVersion;
  let store: ModelStore;

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('case8');
    const src = await writeTree(modelTree(512 * 1024), home);
    store = await ModelStore.open({ home });
    const session = await store.begin({ tag: 'iris_clf', labels: { stage: 'yes', n: '1e3' }, metadata: { m: [[1, 2]] } });
    await session.add([src], { root: true });
    made = await session.commit();
    await rm(src, { recursive: true });
  });
  afterAll(removeHomes);

  async function bentomlImportsTwice(file: string): Promise<void> {
    const dst = await makeHome('case8-dst');
    const first = await bentoml(dst, ['models', 'import', file]);
    expect({ code: first.code, out: first.stdout.trim(), err: first.stderr }).toEqual({
      code: 0, out: `Model(tag="${made.tag}") imported.`, err: '',
    });
    expect(await treeDigest(join(dst, 'models', 'iris_clf', made.version))).toEqual(await treeDigest(made.path));
    const second = await bentoml(dst, ['models', 'import', file]);
    expect(second.code).toBe(1);
    // <= 1.4.19 prints the store as PyFilesystem's repr, `<osfs '/abs/models'>`.
    const store = (await bentomlAtLeast('1.4.20')) ? join(dst, 'models') : `<osfs '${join(dst, 'models')}'>`;
    expect(second.stdout + second.stderr).toContain(`[models] \`import\` failed: Item '${made.tag}' already exists in the store ${store}`);
  }

  it('the default export (./ members) imports into BentoML, byte-identical, and only once', async () => {
    const file = await store.export(made.tag, `${home}/`);
    expect(file).toBe(join(home, `iris_clf-${made.version}.bentomodel`));
    expect(await head(file, 6)).toEqual(XZ_MAGIC);
    const names = pyOk<string[]>((await pyOps(home, [{ op: 'tar_members', path: file }]))[0]);
    expect(names).toContain('./model.yaml');
    await bentomlImportsTwice(file);
  });

  it('the plain-member export (BentoML <= 1.4.19 style) imports the same way', async () => {
    const out = join(home, 'plain.bentomodel');
    const file = await exportModel(store.paths, made, out, { prefix: '' });
    const names = pyOk<string[]>((await pyOps(home, [{ op: 'tar_members', path: file }]))[0]);
    expect(names).toContain('model.yaml');
    expect(names.some((n) => n.startsWith('./'))).toBe(false);
    await bentomlImportsTwice(file);
  });

  it('the CLI export imports into BentoML too', async () => {
    const out = join(home, 'cli-export.bentomodel');
    const result = await shelfCli(home, ['export', made.tag, out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await bentomlImportsTwice(out);
  });

  it('a gzip file named .bentomodel is refused by both; a .bentomodel renamed to .tar.xz imports', async () => {
    const tarFile = await store.export(made.tag, join(home, 'plain.tar'));
    const gzFile = join(home, 'gzipped.bentomodel');
    await writeFile(gzFile, gzipSync(await readFile(tarFile)));
    expect(await sniffArchive(gzFile)).toBe('gzip');
    const dst = await makeHome('case8-gz');
    await expect((await ModelStore.open({ home: dst })).import(gzFile)).rejects.toMatchObject({ code: 'BAD_ARCHIVE' });
    expect(await bentomlJson(dst, ['models', 'list'])).toEqual([]);
    const theirs = await bentoml(dst, ['models', 'import', gzFile]);
    if (await bentomlAtLeast('1.4.20')) {
      expect(theirs.code).toBe(1);
      expect(theirs.stdout + theirs.stderr).toMatch(/LZMAError|Input format not supported/);
    } else {
      // PyFilesystem's ReadTarFS sniffs the compression, so <= 1.4.19 accepts a gzip .bentomodel.
      expect(theirs.code).toBe(0);
    }

    const renamed = join(home, 'renamed.tar.xz');
    await rename(await store.export(made.tag, join(home, 'to-rename.bentomodel')), renamed);
    await bentomlImportsTwice(renamed);
  });

  it('every other format Model Shelf writes (gz, xz, tar, zip) imports into BentoML', async () => {
    for (const ext of ['tar.gz', 'tar.xz', 'tar', 'zip']) {
      const file = await store.export(made.tag, join(home, `all.${ext}`));
      const dst = await makeHome('case8-fmt');
      const result = await bentoml(dst, ['models', 'import', file]);
      expect({ ext, code: result.code, err: result.stderr }).toEqual({ ext, code: 0, err: '' });
      expect(await treeDigest(join(dst, 'models', 'iris_clf', made.version))).toEqual(await treeDigest(made.path));
    }
  });

  it('names export files like BentoML does (§7.2)', async () => {
    const theirsDir = join(home, 'names-bentoml');
    const oursDir = join(home, 'names-shelf');
    await mkdir(theirsDir);
    await mkdir(oursDir);
    const targets: { out: string; format?: 'bentomodel' | 'gz' | 'xz' | 'tar' | 'zip' }[] = [
      { out: '/' }, { out: '/', format: 'gz' }, { out: '/', format: 'xz' }, { out: '/', format: 'tar' }, { out: '/', format: 'zip' },
      { out: '/model' }, { out: '/m.foo' }, { out: '/m.tar.gz' }, { out: '/m.zip' },
    ];
    const answers = await pyOps(home, targets.map((t) => ({ op: 'export', tag: made.tag, out: `${theirsDir}${t.out}`, format: t.format ?? null })));
    for (const [i, t] of targets.entries()) {
      const theirs = pyOk<string>(answers[i]);
      const ours = await store.export(made.tag, `${oursDir}${t.out}`, t.format ? { format: t.format } : {});
      expect({ ...t, name: ours.slice(oursDir.length) }).toEqual({ ...t, name: theirs.slice(theirsDir.length) });
    }
  });
});
