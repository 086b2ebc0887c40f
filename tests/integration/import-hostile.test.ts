import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { xz } from '@napi-rs/lzma';
import tar from 'tar-stream';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { modelsSnapshot, stagingLeftovers, tempHome, treeHashes } from './archive-fixtures.ts';

type Member = Partial<tar.Header> & { name: string; content?: string };

const YAML = serializeModelYaml(newModelInfo({ name: 'evil', version: 'v1' }));
const OK: Member[] = [
  { name: './', type: 'directory' },
  { name: './model.yaml', content: YAML },
  { name: './weights.bin', content: 'w'.repeat(100) },
];

async function tarBuffer(members: Member[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const m of members) {
    const { content, ...header } = m;
    if (content !== undefined) pack.entry({ ...header, type: header.type ?? 'file' }, content);
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as Readable) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function zipBuffer(add: (z: yazl.ZipFile) => void): Promise<Buffer> {
  const z = new yazl.ZipFile();
  add(z);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as Readable) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let paths: StorePaths;
beforeEach(async () => {
  paths = await tempHome();
});
afterEach(async () => {
  await fsp.rm(paths.home, { recursive: true, force: true });
});

async function write(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(paths.home, name);
  await fsp.writeFile(file, bytes);
  return file;
}

async function expectRefused(file: string, code: string, words: RegExp): Promise<void> {
  const err = await importModel(paths, file).catch((e: unknown) => e);
  expect(isShelfError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  expect((err as Error).message).toMatch(words);
  expect(await modelsSnapshot(paths)).toEqual([]);
  expect(await stagingLeftovers(paths)).toEqual([]);
}

describe('hostile archives are refused and leave models/ unchanged', () => {
  it.each<[string, Member, RegExp]>([
    ['../ escape', { name: '../evil', content: 'x' }, /'..\/evil' climbs out/],
    ['nested ../ escape', { name: './sub/../../evil', content: 'x' }, /'.\/sub\/..\/..\/evil' climbs out/],
    ['absolute path', { name: '/abs', content: 'x' }, /'\/abs' is an absolute path/],
    ['symlink to /etc/passwd', { name: './passwd', type: 'symlink', linkname: '/etc/passwd' }, /'.\/passwd' is a link to '\/etc\/passwd', outside/],
    ['symlink climbing out', { name: './up', type: 'symlink', linkname: '../../../etc/passwd' }, /'.\/up' is a link/],
    ['hardlink out', { name: './hl', type: 'link', linkname: '../outside' }, /'.\/hl' is a link to '..\/outside', outside/],
    ['character device', { name: './tty', type: 'character-device', devmajor: 5, devminor: 0 }, /'.\/tty' is a character-device/],
    ['fifo', { name: './pipe', type: 'fifo' }, /'.\/pipe' is a fifo/],
  ])('%s', async (_label, bad, words) => {
    const file = await write('bad.bentomodel', await xz.compress(await tarBuffer([...OK, bad])));
    await expectRefused(file, 'UNSAFE_PATH', words);
  });

  it('an archive without model.yaml', async () => {
    const file = await write('nomodel.tar', await tarBuffer([{ name: './weights.bin', content: 'w' }]));
    await expectRefused(file, 'BAD_ARCHIVE', /has no model\.yaml at its top level/);
  });

  it('an archive with a top-level folder (model.yaml not at the root)', async () => {
    const nested = OK.slice(1).map((m) => ({ ...m, name: m.name.replace('./', 'iris_clf-v1/') }));
    const file = await write('nested.tar.gz', gzipSync(await tarBuffer(nested)));
    await expectRefused(file, 'BAD_ARCHIVE', /inside a folder 'iris_clf-v1\/' instead of at its top level/);
  });

  it('a gzip file named .bentomodel (BentoML fails with LZMAError)', async () => {
    const file = await write('gz.bentomodel', gzipSync(await tarBuffer(OK)));
    await expectRefused(file, 'BAD_ARCHIVE', /must be an xz-compressed tar, but this one is gzip-compressed/);
  });

  it('a file that is no archive at all', async () => {
    const file = await write('junk.zip', Buffer.from('not an archive at all'.repeat(40)));
    await expectRefused(file, 'BAD_ARCHIVE', /is not a tar, tar\.gz, tar\.xz, tar\.bz2, tar\.zst, zip or \.bentomodel archive although its name ends in \.zip/);
  });

  it('a truncated .bentomodel', async () => {
    const whole = await xz.compress(await tarBuffer([...OK, { name: './big.bin', content: 'q'.repeat(300_000) }]));
    const file = await write('cut.bentomodel', whole.subarray(0, Math.floor(whole.length / 2)));
    await expectRefused(file, 'BAD_ARCHIVE', /damaged or truncated/);
  });

  it('an invalid model.yaml', async () => {
    const file = await write('badyaml.tar', await tarBuffer([{ name: 'model.yaml', content: 'name: [unclosed' }]));
    await expectRefused(file, 'BAD_ARCHIVE', /model\.yaml inside 'badyaml\.tar' is not valid/);
  });

  it('a zip member climbing out with ..', async () => {
    // yazl refuses to write '..', so write a same-length name and patch it in both headers.
    const raw = await zipBuffer((z) => {
      z.addBuffer(Buffer.from(YAML), 'model.yaml');
      z.addBuffer(Buffer.from('x'), 'XX/evil');
    });
    const file = await write('bad.zip', Buffer.from(raw.toString('latin1').replaceAll('XX/evil', '../evil'), 'latin1'));
    await expectRefused(file, 'UNSAFE_PATH', /'..\/evil' climbs out/);
  });

  it('a zip symlink to /etc/passwd', async () => {
    const raw = await zipBuffer((z) => {
      z.addBuffer(Buffer.from(YAML), 'model.yaml');
      z.addBuffer(Buffer.from('/etc/passwd'), 'passwd', { mode: 0o120777 });
    });
    await expectRefused(await write('link.zip', raw), 'UNSAFE_PATH', /'passwd' is a link to '\/etc\/passwd', outside/);
  });
});

describe('links that stay inside the archive', () => {
  it('become plain copies of their target (no link is ever created on disk)', async () => {
    const file = await write(
      'links.tar',
      await tarBuffer([...OK, { name: './alias.bin', type: 'symlink', linkname: 'weights.bin' }, { name: './sub/hard.bin', type: 'link', linkname: './weights.bin' }]),
    );
    const v = await importModel(paths, file);
    const tree = await treeHashes(v.path);
    expect(tree['alias.bin']).toBe(tree['weights.bin']);
    expect(tree['sub/hard.bin']).toBe(tree['weights.bin']);
    expect((await fsp.lstat(path.join(v.path, 'alias.bin'))).isSymbolicLink()).toBe(false);
    expect(await fsp.readFile(path.join(v.path, 'model.yaml'), 'utf8')).toBe(YAML);
  });
});
