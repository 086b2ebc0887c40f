// A version's files for the window's preview and model card (issue 12 view 17): the store reads
// strictly inside the version folder (by real path, so a link out is refused too), reads a
// bounded number of bytes however big the file is, and tells text, images and binary apart.
import { execFileSync } from 'node:child_process';
import { promises as fsp, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { IMAGE_PREVIEW_LIMIT, readVersionFile, TEXT_PREVIEW_LIMIT } from '../../src-main/store/index.ts';
import { readyHarness } from './service-helpers.ts';
import { seedVersion } from './watcher-helpers.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fsp.rm(d, { recursive: true, force: true })));
});

async function tmp(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-preview-'));
  dirs.push(dir);
  return dir;
}

/** A version folder at <tmp>/models/iris/v1 with `files`, and a secret file beside the store. */
async function version(files: Record<string, string | Buffer> = {}): Promise<{ dir: string; root: string; secret: string }> {
  const root = await tmp();
  const dir = path.join(root, 'models', 'iris', 'v1');
  await fsp.mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await fsp.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fsp.writeFile(path.join(dir, name), content);
  }
  const secret = path.join(root, 'secret.txt');
  await fsp.writeFile(secret, 'the secret outside the version');
  return { dir, root, secret };
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (error) {
    if (isShelfError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Bytes this process read through read(2) so far (Linux): counts what the preview really read. */
function processReadBytes(): number {
  const line = readFileSync('/proc/self/io', 'utf8').split('\n').find((l) => l.startsWith('rchar:'));
  return Number(line?.split(':')[1]);
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(60, 1)]);

describe('the preview reads only inside the version folder', () => {
  it.each(['../secret.txt', '../../../secret.txt', '/etc/passwd', 'C:\\Windows\\win.ini', 'a/../../x', './config.json', 'a//b', '', 'a\\..\\..\\x'])('refuses %j before opening anything', async (p) => {
    const { dir } = await version({ 'config.json': '{}' });
    const r = await refusal(readVersionFile(dir, p));
    expect(r.code).toBe('UNSAFE_PATH');
    expect(r.message).toMatch(/is not a path inside the version/);
    expect(r.message.split('. ').length).toBe(1);
  });

  it('refuses a link to a file outside the version, and a linked folder that leads out, by real path', async () => {
    const { dir, root, secret } = await version({ 'config.json': '{}' });
    await fsp.symlink(secret, path.join(dir, 'leak.txt'));
    await fsp.symlink(root, path.join(dir, 'up'));
    await fsp.symlink('../v2', path.join(dir, 'sibling'));
    await fsp.mkdir(path.join(root, 'models', 'iris', 'v2'));
    await fsp.writeFile(path.join(root, 'models', 'iris', 'v2', 'x.txt'), 'another version');
    for (const p of ['leak.txt', 'up/secret.txt', 'sibling/x.txt']) {
      const r = await refusal(readVersionFile(dir, p));
      expect(r.code, p).toBe('UNSAFE_PATH');
      expect(r.message, p).toMatch(/leads outside the version folder/);
    }
  });

  it('follows a link that stays inside the version, and reads through a linked version folder', async () => {
    const { dir, root } = await version({ 'sub/real.txt': 'inside' });
    await fsp.symlink('sub/real.txt', path.join(dir, 'alias.txt'));
    expect(await readVersionFile(dir, 'alias.txt')).toMatchObject({ kind: 'text', text: 'inside' });
    // The version folder itself reached through a link (a store on a linked home) is fine.
    await fsp.symlink(path.join(root, 'models'), path.join(root, 'linked-models'));
    expect(await readVersionFile(path.join(root, 'linked-models', 'iris', 'v1'), 'sub/real.txt')).toMatchObject({ kind: 'text', text: 'inside' });
  });

  it('says in one sentence when the file, or the version, is not there, and refuses folders, loops and pipes without blocking', async () => {
    const { dir } = await version({ 'sub/a.txt': 'a' });
    const missing = await refusal(readVersionFile(dir, 'nope.txt'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/^There is no file 'nope.txt' in this version/);
    expect((await refusal(readVersionFile(dir, 'sub/a.txt/x'))).code).toBe('NOT_FOUND');
    const folder = await refusal(readVersionFile(dir, 'sub'));
    expect([folder.code, folder.message]).toEqual(['INVALID_ARGUMENT', "'sub' is a folder; pick a file inside it to preview."]);
    await fsp.symlink('loop', path.join(dir, 'loop'));
    expect((await refusal(readVersionFile(dir, 'loop'))).code).toBe('UNSAFE_PATH');
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const pipe = await refusal(readVersionFile(dir, 'pipe'));
    expect(pipe.code).toBe('INVALID_ARGUMENT');
    expect(pipe.message).toMatch(/not a regular file/);
    await fsp.rm(dir, { recursive: true });
    const gone = await refusal(readVersionFile(dir, 'sub/a.txt'));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toMatch(/The version folder .* is gone/);
  });

  it('never changes the store: the version folder is byte for byte and time for time the same after previews', async () => {
    const { dir } = await version({ 'config.json': '{"a":1}', 'w.bin': Buffer.alloc(1000, 0), 'logo.png': PNG });
    const before = await Promise.all(['config.json', 'w.bin', 'logo.png', '.'].map(async (f) => (await fsp.stat(path.join(dir, f))).mtimeMs));
    const names = await fsp.readdir(dir);
    for (const f of ['config.json', 'w.bin', 'logo.png']) await readVersionFile(dir, f);
    expect(await fsp.readdir(dir)).toEqual(names);
    expect(await Promise.all(['config.json', 'w.bin', 'logo.png', '.'].map(async (f) => (await fsp.stat(path.join(dir, f))).mtimeMs))).toEqual(before);
  });
});

describe('the preview reads a bounded number of bytes', () => {
  it('an 8 GiB (sparse) weight file costs its first 256 KiB, counted by the bytes the process read', async () => {
    const { dir } = await version();
    const big = path.join(dir, 'model.safetensors');
    const fh = await fsp.open(big, 'w');
    await fh.write(Buffer.from('{"header": "text-like start"}'));
    await fh.truncate(8 * 1024 ** 3);
    await fh.close();
    const before = processReadBytes();
    const preview = await readVersionFile(dir, 'model.safetensors');
    const read = processReadBytes() - before;
    // The rest of the file is NUL bytes: binary, decided from the first 256 KiB alone.
    expect(preview).toEqual({ kind: 'binary', path: 'model.safetensors', size: 8 * 1024 ** 3, bytesRead: TEXT_PREVIEW_LIMIT });
    expect(read).toBeGreaterThanOrEqual(TEXT_PREVIEW_LIMIT);
    expect(read).toBeLessThan(TEXT_PREVIEW_LIMIT + 64 * 1024);
  });

  it('a long text file shows its first 256 KiB, cut on a whole character, and says it is cut', async () => {
    const line = 'tokens: é ü 字 🙂\n'; // 1-, 2-, 3- and 4-byte characters
    const text = line.repeat(Math.ceil((TEXT_PREVIEW_LIMIT * 3) / Buffer.byteLength(line)));
    const { dir } = await version({ 'vocab.txt': text });
    const before = processReadBytes();
    const preview = await readVersionFile(dir, 'vocab.txt');
    expect(processReadBytes() - before).toBeLessThan(TEXT_PREVIEW_LIMIT + 64 * 1024);
    if (preview.kind !== 'text') throw new Error(`expected text, got ${preview.kind}`);
    expect(preview).toMatchObject({ truncated: true, size: Buffer.byteLength(text), bytesRead: TEXT_PREVIEW_LIMIT });
    expect(text.startsWith(preview.text)).toBe(true);
    expect(Buffer.byteLength(preview.text)).toBeGreaterThan(TEXT_PREVIEW_LIMIT - 4);
    expect(preview.text).not.toContain('\uFFFD');
    // Every cut point inside a multi-byte character gives a whole-character prefix, never binary.
    for (let limit = 1; limit <= Buffer.byteLength(line) + 1; limit += 1) {
      const cut = await readVersionFile(dir, 'vocab.txt', { text: limit });
      if (cut.kind !== 'text') throw new Error(`limit ${limit}: ${cut.kind}`);
      expect(text.startsWith(cut.text), `limit ${limit}`).toBe(true);
      expect(Buffer.byteLength(cut.text)).toBeGreaterThan(limit - 4);
    }
  });

  it('an image larger than the image limit is not read whole: its type is named, no data', async () => {
    const { dir } = await version();
    const fh = await fsp.open(path.join(dir, 'huge.png'), 'w');
    await fh.write(PNG);
    await fh.truncate(IMAGE_PREVIEW_LIMIT * 25);
    await fh.close();
    const before = processReadBytes();
    expect(await readVersionFile(dir, 'huge.png')).toEqual({ kind: 'binary', path: 'huge.png', size: IMAGE_PREVIEW_LIMIT * 25, image: 'image/png', bytesRead: TEXT_PREVIEW_LIMIT });
    expect(processReadBytes() - before).toBeLessThan(TEXT_PREVIEW_LIMIT + 64 * 1024);
  });
});

describe('text, images and binary', () => {
  it('tells text (UTF-8, no NUL), images (by their first bytes) and binary apart', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20, 3)]);
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(20, 0)]);
    const webp = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([1, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(8, 0)]);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const { dir } = await version({
      'config.json': '{"hidden_size": 768}',
      'README.md': '\uFEFF# Iris\n',
      'logo.png': PNG,
      'photo.jpg': jpeg,
      'anim.gif': gif,
      'pic.webp': webp,
      'icon.svg': svg,
      'nul.txt': Buffer.from('text\0with a NUL'),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      'pixel.png.txt': 'not a png, only named like one',
      'empty.txt': '',
    });
    const kinds: Record<string, unknown> = {};
    for (const f of await fsp.readdir(dir)) {
      const p = await readVersionFile(dir, f);
      kinds[f] = p.kind === 'image' ? p.mime : p.kind;
    }
    expect(kinds).toEqual({
      'config.json': 'text',
      'README.md': 'text',
      'logo.png': 'image/png',
      'photo.jpg': 'image/jpeg',
      'anim.gif': 'image/gif',
      'pic.webp': 'image/webp',
      'icon.svg': 'text', // never rendered as live markup
      'nul.txt': 'binary',
      'latin1.txt': 'binary',
      'pixel.png.txt': 'text',
      'empty.txt': 'text',
    });
    expect(await readVersionFile(dir, 'README.md')).toMatchObject({ text: '# Iris\n', truncated: false });
    expect(await readVersionFile(dir, 'icon.svg')).toMatchObject({ kind: 'text', text: svg });
    const png = await readVersionFile(dir, 'logo.png');
    expect(png).toEqual({ kind: 'image', path: 'logo.png', size: PNG.length, mime: 'image/png', dataUrl: `data:image/png;base64,${PNG.toString('base64')}`, bytesRead: PNG.length });
  });
});

describe('version:file through the handler table', () => {
  it('previews a file of a version by tag, refuses a path out of it, and answers NOT_FOUND for a gone version', async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'bert', 'v1', new Date('2025-03-16T08:00:00Z'));
    await fsp.writeFile(path.join(h.models, 'bert', 'v1', 'config.json'), '{"layers": 12}');
    expect(await h.call('version:file', { tag: 'bert:v1', path: 'config.json' })).toMatchObject({ kind: 'text', text: '{"layers": 12}' });
    const escape = await h.service.handlers['version:file']({ tag: 'bert:v1', path: '../../../bentoml.yaml' });
    expect(escape).toMatchObject({ ok: false, error: { code: 'UNSAFE_PATH' } });
    const unknownKey = await h.service.handlers['version:file']({ tag: 'bert:v1', path: 'config.json', bytes: 1e12 });
    expect(unknownKey).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const gone = await h.service.handlers['version:file']({ tag: 'bert:v9', path: 'config.json' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
