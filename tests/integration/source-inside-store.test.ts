import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toErrorInfo } from '../../src-main/ipc/error-mapping.ts';
import { ModelStore } from '../../src-main/store/index.ts';
import { describeError } from '../../src-renderer/state/error-words.ts';
import { fakeBento, treeListing, writeFiles } from './fixtures/temp-store.ts';

// Issue 8 item 1: a source that is, lies in, or holds the store's models/, bentos/ or
// .model-shelf/ (by real path, so also through links) is refused with one sentence before
// anything is copied or moved, and the store is left byte for byte as it was. A symbolic link
// INSIDE a source folder that leads into the store is refused too (never followed, never
// stored as a link). A folder import of a version of this very store says so.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { ...process.env, BENTOML_HOME: '' }, cwd: os.tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface World {
  /** The temporary folder holding the home: a parent of the store. */
  root: string;
  home: string;
  /** A folder outside the home. */
  out: string;
  base: string[];
  trashDir: string;
}

let w: World;

/** Everything the store holds, except the lock files any command may take. */
async function storeState(): Promise<string[]> {
  return (await treeListing(w.home)).filter((line) => !line.startsWith('.model-shelf/locks/'));
}

beforeEach(async () => {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-inside-'));
  const home = path.join(root, 'home');
  const out = path.join(root, 'outside');
  await writeFiles(out, { 'w.bin': 'weights', 'cfg/c.json': '{"a":1}' });
  const store = await ModelStore.open({ home });
  const base: string[] = [];
  for (const content of ['one', 'two', 'three']) {
    const s = await store.begin({ tag: 'base', labels: { content } });
    await s.add([path.join(out, 'w.bin'), path.join(out, 'cfg')]);
    base.push((await s.commit()).version);
  }
  const other = await store.begin({ tag: 'other:v1' });
  await other.add([path.join(out, 'w.bin')]);
  await other.commit();
  // One version in the trash, one bento using a model.
  const [trashed] = (await store.delete([`base:${base[2]}`], { trash: true })).trashed;
  await fakeBento(home, 'svc:b1', [`base:${base[0]}`]);
  w = { root, home, out, base: base.slice(0, 2), trashDir: path.join(store.paths.trash, String(trashed?.id)) };
});
afterEach(async () => {
  await fsp.rm(w.root, { recursive: true, force: true });
});

const models = (): string => path.join(w.home, 'models');
const versionDir = (i = 0): string => path.join(models(), 'base', String(w.base[i]));

interface Case {
  label: string;
  args: () => string[] | Promise<string[]>;
  /** The path the sentence names and how it relates to the store. */
  says: () => RegExp;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sentence = (src: string, how: string, zone: string, zonePath: string): RegExp =>
  new RegExp(`^Error: '${esc(src)}' ${how} this store's ${zone} \\(${esc(zonePath)}\\); a model cannot hold the store's own files, so nothing was added: choose files from outside the store\\.\\n$`);

const link = async (target: string, name: string): Promise<string> => {
  const at = path.join(w.out, name);
  await fsp.symlink(target, at);
  return at;
};

const CASES: Case[] = [
  { label: 'create everything --move H/models', args: () => ['everything', '--move', models()], says: () => sentence(models(), 'is', 'models folder', models()) },
  { label: 'create everything H/models (copy)', args: () => ['everything', models()], says: () => sentence(models(), 'is', 'models folder', models()) },
  { label: 'create m --move --root H/models/base', args: () => ['m', '--move', '--root', path.join(models(), 'base')], says: () => sentence(path.join(models(), 'base'), 'is inside', 'models folder', models()) },
  { label: 'create m --root H/models/base (copy)', args: () => ['m', '--root', path.join(models(), 'base')], says: () => sentence(path.join(models(), 'base'), 'is inside', 'models folder', models()) },
  { label: 'create m --move <a file of a version>', args: () => ['m', '--move', path.join(versionDir(), 'w.bin')], says: () => sentence(path.join(versionDir(), 'w.bin'), 'is inside', 'models folder', models()) },
  { label: 'create m --move H/models/base/latest', args: () => ['m', '--move', path.join(models(), 'base', 'latest')], says: () => sentence(path.join(models(), 'base', 'latest'), 'is inside', 'models folder', models()) },
  { label: 'create m --move H/bentos', args: () => ['m', '--move', path.join(w.home, 'bentos')], says: () => sentence(path.join(w.home, 'bentos'), 'is', 'bentos folder', path.join(w.home, 'bentos')) },
  { label: 'create m --move H/.model-shelf', args: () => ['m', '--move', path.join(w.home, '.model-shelf')], says: () => sentence(path.join(w.home, '.model-shelf'), 'is', 'Model Shelf folder', path.join(w.home, '.model-shelf')) },
  { label: 'create m --move --root <a trashed version>', args: () => ['m', '--move', '--root', w.trashDir], says: () => sentence(w.trashDir, 'is inside', 'Model Shelf folder', path.join(w.home, '.model-shelf')) },
  { label: 'create m --move H (the home)', args: () => ['m', '--move', w.home], says: () => sentence(w.home, 'contains', 'models folder', models()) },
  { label: 'create m --move --root H (the home)', args: () => ['m', '--move', '--root', w.home], says: () => sentence(w.home, 'contains', 'models folder', models()) },
  { label: 'create m --move <a parent of H>', args: () => ['m', '--move', w.root], says: () => sentence(w.root, 'contains', 'models folder', models()) },
  { label: 'create m --move <a link from outside to H/models>', args: async () => ['m', '--move', await link(models(), 'to-models')], says: () => sentence(path.join(w.out, 'to-models'), 'is a symbolic link into', 'models folder', models()) },
  { label: 'create m --move --root <a link from outside to H/models/base>', args: async () => ['m', '--move', '--root', await link(path.join(models(), 'base'), 'to-base')], says: () => sentence(path.join(w.out, 'to-base'), 'is a symbolic link into', 'models folder', models()) },
  { label: 'create m --move <a link from outside to a parent of H>', args: async () => ['m', '--move', await link(w.root, 'to-root')], says: () => sentence(path.join(w.out, 'to-root'), 'is a symbolic link to a folder that contains', 'models folder', models()) },
  {
    label: 'create m --move <a folder holding a link to H/models/base>',
    args: async () => {
      await fsp.symlink(path.join(models(), 'base'), path.join(w.out, 'cfg', 'inner'));
      return ['m', '--move', w.out];
    },
    says: () => sentence(path.join(w.out, 'cfg', 'inner'), 'is a symbolic link into', 'models folder', models()),
  },
  {
    label: 'create m --move --root <a folder holding a link to a file of a version>',
    args: async () => {
      await fsp.symlink(path.join(versionDir(1), 'w.bin'), path.join(w.out, 'cfg', 'stored.bin'));
      return ['m', '--move', '--root', w.out];
    },
    says: () => sentence(path.join(w.out, 'cfg', 'stored.bin'), 'is a symbolic link into', 'models folder', models()),
  },
  { label: 'create m --move <a good file> H/models (nothing of either)', args: () => ['m', '--move', path.join(w.out, 'w.bin'), models()], says: () => sentence(models(), 'is', 'models folder', models()) },
];

describe('model-shelf create refuses sources in, equal to, or holding the store', () => {
  it.each(CASES)('$label', async ({ args, says }) => {
    const argv = await args();
    const before = await storeState();
    const outsideBefore = await treeListing(w.out);
    const result = await cli(['--home', w.home, 'create', ...argv]);
    expect(result.stderr).toMatch(says());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    // The store, every byte of it (staging, trash and bentos included), and the sources outside.
    expect(await storeState()).toEqual(before);
    expect(await treeListing(w.out)).toEqual(outsideBefore);
    const listed = await cli(['--home', w.home, 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { tag: string; status: string }[]).map((r) => `${r.tag} ${r.status}`).sort()).toEqual(
      [`base:${w.base[0]} ok`, `base:${w.base[1]} ok`, 'other:v1 ok'].sort(),
    );
  });

  it('compares real paths on both sides: a home named through a link refuses its real models folder', async () => {
    const homeLink = path.join(w.root, 'home-link');
    await fsp.symlink(w.home, homeLink);
    const before = await storeState();
    const result = await cli(['--home', homeLink, 'create', 'm', '--move', models()]);
    expect(result.stderr).toMatch(sentence(models(), 'is', 'models folder', models()));
    expect(result.code).toBe(1);
    expect(await storeState()).toEqual(before);
  });

  it('accepts a source inside the home but outside its store folders (moved, and gone from there)', async () => {
    await writeFiles(w.home, { 'incoming/new.bin': 'NEW' });
    const result = await cli(['--home', w.home, 'create', 'fresh', '--move', path.join(w.home, 'incoming', 'new.bin')]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const tag = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(await fsp.readFile(path.join(models(), 'fresh', tag.split(':')[1] ?? '', 'new.bin'), 'utf8')).toBe('NEW');
    expect(await fsp.readdir(path.join(w.home, 'incoming'))).toEqual([]);
  });
});

/** The CLI in a user and mount namespace of its own (`unshare -rm`: any user may bind-mount there). */
function cliWithBind(from: string, to: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const script = 'set -e; mount --bind "$1" "$2"; shift 2; exec "$@"';
    const argv = ['-rm', 'sh', '-c', script, 'sh', from, to, process.execPath, MAIN, ...args];
    execFile('unshare', argv, { env: { ...process.env, BENTOML_HOME: '' }, cwd: os.tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('bind mounts: the same folder under another real path, told apart by device and inode', () => {
  it.each([
    { label: 'H/models bound outside, moved', from: () => models(), at: 'mnt', args: () => ['m', '--move', path.join(w.out, 'mnt')], says: () => sentence(path.join(w.out, 'mnt'), 'is', 'models folder', models()) },
    { label: 'H/models/base bound outside, its contents moved', from: () => path.join(models(), 'base'), at: 'mnt', args: () => ['m', '--move', '--root', path.join(w.out, 'mnt')], says: () => sentence(path.join(w.out, 'mnt'), 'is inside', 'models folder', models()) },
    { label: 'H/models bound inside a source folder', from: () => models(), at: 'cfg/mnt', args: () => ['m', '--move', w.out], says: () => sentence(w.out, 'holds a mount of', 'models folder', models()) },
    { label: 'a version bound inside a source folder', from: () => versionDir(), at: 'cfg/mnt', args: () => ['m', '--move', '--root', w.out], says: () => sentence(w.out, 'holds a mount of', 'models folder', models()) },
    { label: 'a file of a version bound outside', from: () => versionDir(), at: 'mnt', args: () => ['m', '--move', path.join(w.out, 'mnt', 'w.bin')], says: () => sentence(path.join(w.out, 'mnt', 'w.bin'), 'is inside', 'models folder', models()) },
  ])('$label: refused, the store unchanged', async ({ from, at, args, says }) => {
    await fsp.mkdir(path.join(w.out, at));
    const before = await storeState();
    const outsideBefore = await treeListing(w.out);
    const result = await cliWithBind(from(), path.join(w.out, at), ['--home', w.home, 'create', ...args()]);
    expect(result.stderr).toMatch(says());
    expect(result.code).toBe(1);
    expect(await storeState()).toEqual(before);
    expect(await treeListing(w.out)).toEqual(outsideBefore);
  });

  it('import of a version folder bound elsewhere: "that version is already in this store"', async () => {
    const at = path.join(w.out, 'mnt');
    await fsp.mkdir(at);
    const before = await storeState();
    const result = await cliWithBind(versionDir(), at, ['--home', w.home, 'import', at]);
    expect(result.stderr).toBe(`Error: '${at}' is the folder of 'base:${w.base[0]}' in this store: that version is already in this store, so there is nothing to import.\n`);
    expect(result.code).toBe(1);
    expect(await storeState()).toEqual(before);
  });
});

describe('model-shelf import DIR of this store', () => {
  it.each([
    { label: 'a version folder', dir: () => versionDir() },
    { label: 'a link from outside to a version folder', dir: () => link(versionDir(1), 'to-version') },
  ])('$label: "that version is already in this store"', async ({ dir }) => {
    const given = await dir();
    const real = await fsp.realpath(given);
    const tag = `base:${path.basename(real)}`;
    const before = await storeState();
    const result = await cli(['--home', w.home, 'import', given]);
    expect(result.stderr).toBe(`Error: '${given}' is the folder of '${tag}' in this store: that version is already in this store, so there is nothing to import.\n`);
    expect(result.code).toBe(1);
    expect(await storeState()).toEqual(before);
  });

  it('a trashed version and the home itself are refused like create sources', async () => {
    const before = await storeState();
    const trashed = await cli(['--home', w.home, 'import', w.trashDir]);
    expect(trashed.stderr).toMatch(sentence(w.trashDir, 'is inside', 'Model Shelf folder', path.join(w.home, '.model-shelf')));
    const home = await cli(['--home', w.home, 'import', w.home]);
    expect(home.stderr).toMatch(sentence(w.home, 'contains', 'models folder', models()));
    expect([trashed.code, home.code]).toEqual([1, 1]);
    expect(await storeState()).toEqual(before);
  });

  it('a saved model folder holding a link into the store is refused', async () => {
    const saved = path.join(w.out, 'saved');
    await fsp.mkdir(saved);
    await fsp.copyFile(path.join(versionDir(), 'model.yaml'), path.join(saved, 'model.yaml'));
    // Another tag, so that only the link can be the reason.
    const yaml = (await fsp.readFile(path.join(saved, 'model.yaml'), 'utf8')).replace(/^name: .*$/m, "name: 'copied'");
    await fsp.writeFile(path.join(saved, 'model.yaml'), yaml);
    await fsp.symlink(path.join(versionDir(), 'w.bin'), path.join(saved, 'w.bin'));
    const before = await storeState();
    const result = await cli(['--home', w.home, 'import', saved]);
    expect(result.stderr).toMatch(sentence(path.join(saved, 'w.bin'), 'is a symbolic link into', 'models folder', models()));
    expect(result.code).toBe(1);
    expect(await storeState()).toEqual(before);
  });
});

describe('the store API the window uses (create:add, import of a dropped folder)', () => {
  it('refuses in both modes, keeps the session usable, and the window shows the sentence', async () => {
    const store = await ModelStore.open({ home: w.home });
    const before = await storeState();
    const session = await store.begin({ tag: 'dropped' });
    for (const [paths, root, mode] of [
      [[models()], false, 'move'],
      [[path.join(models(), 'base')], true, 'move'],
      [[w.home], false, 'copy'],
      [[path.join(w.out, 'w.bin'), path.join(w.home, 'bentos')], false, 'move'],
    ] as const) {
      const error = await session.add([...paths], { root, mode }).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect((error as Error).message).toMatch(/this store's (models|bentos) folder .*nothing was added/);
      // What create:add answers over IPC, and what the create sheet prints under its headline.
      const info = toErrorInfo('create:add', error);
      expect(info).toEqual({ code: 'INVALID_ARGUMENT', message: (error as Error).message });
      expect(describeError(info)).toEqual({ headline: 'Model Shelf could not use that input.', detail: (error as Error).message });
    }
    expect(await treeListing(session.stagingDir)).toEqual([]);
    // The same session still takes a good source and commits it.
    await session.add([path.join(w.out, 'w.bin')], { mode: 'copy' });
    const made = await session.commit();
    expect(await fsp.readFile(path.join(made.path, 'w.bin'), 'utf8')).toBe('weights');
    // The new version and its manifest (recorded at save time, .model-shelf/manifests/) are all that changed.
    const madeHere = (line: string) => line.startsWith('models/dropped/') || line.startsWith('.model-shelf/manifests/dropped/');
    expect((await storeState()).filter((line) => !madeHere(line))).toEqual(before);
    expect((await storeState()).filter((line) => line.startsWith('.model-shelf/manifests/dropped/'))).toHaveLength(2);

    const imported = await store.import(versionDir()).then(() => null, (e: unknown) => e);
    expect(imported).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((imported as Error).message).toContain('that version is already in this store');
    expect(describeError(toErrorInfo('models:import', imported)).detail).toBe((imported as Error).message);
  });
});

// The same class for destinations: an export is a write, and the store's own folders are never
// its target (a file inside a version changes that model; one in models/ or .model-shelf/ is
// clutter BentoML or Model Shelf would trip over). The home itself is an ordinary folder.
describe('model-shelf export refuses a destination inside the store', () => {
  it.each([
    { label: 'the models folder', out: () => models(), zone: 'models folder', zonePath: () => models() },
    { label: 'a version folder', out: () => `${versionDir(1)}/`, zone: 'models folder', zonePath: () => models() },
    { label: 'a file name inside a name folder', out: () => path.join(models(), 'base', 'b.bentomodel'), zone: 'models folder', zonePath: () => models() },
    { label: 'the Model Shelf folder', out: () => path.join(w.home, '.model-shelf'), zone: 'Model Shelf folder', zonePath: () => path.join(w.home, '.model-shelf') },
    { label: 'the bentos folder', out: () => path.join(w.home, 'bentos'), zone: 'bentos folder', zonePath: () => path.join(w.home, 'bentos') },
    { label: 'a link from outside to the models folder', out: () => link(models(), 'to-models'), zone: 'models folder', zonePath: () => models() },
  ])('$label: one sentence, exit 1, the store unchanged', async ({ out, zone, zonePath }) => {
    const target = await out();
    const before = await storeState();
    const result = await cli(['--home', w.home, 'export', `base:${w.base[1]}`, target]);
    const dir = target.endsWith('.bentomodel') ? path.dirname(target) : target.replace(/\/$/, '');
    expect(result.stderr).toBe(`Error: '${dir}' is inside this store's ${zone} (${zonePath()}); an export there would change the store, so nothing was written: choose a folder outside the store.\n`);
    expect(result.code).toBe(1);
    expect(await storeState()).toEqual(before);
  });

  it('the home itself and folders outside the store are fine', async () => {
    const intoHome = await cli(['--home', w.home, 'export', `base:${w.base[1]}`, w.home]);
    expect(intoHome.code).toBe(0);
    expect(intoHome.stdout.trim()).toBe(path.join(w.home, `base-${w.base[1]}.bentomodel`));
    const outside = await cli(['--home', w.home, 'export', `base:${w.base[1]}`, w.out]);
    expect(outside.code).toBe(0);
    await fsp.access(path.join(w.out, `base-${w.base[1]}.bentomodel`));
  });
});
