// The preview against a version folder that changes under it (issue 12 view 17, adversarial
// pass): a folder swapped for a link out, or a file swapped for a pipe, between the check of the
// path and the open must be refused, never read; and a file whose name is not UTF-8 (the Files
// tab shows it with U+FFFD) is previewed, not reported missing. The swaps happen at the exact
// moment by running them inside the preview's own open call.
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { readVersionFile } from '../../src-main/store/index.ts';
import { fileTree } from '../../src-main/store/read/file-tree.ts';

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => fsp.rm(d, { recursive: true, force: true })));
});

const SECRET = 'the secret outside the version';

/** <root>/models/iris/v1 with sub/config.txt, and <root>/outside/config.txt holding the secret. */
async function version(): Promise<{ dir: string; outside: string }> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-preview-race-'));
  dirs.push(root);
  const dir = path.join(root, 'models', 'iris', 'v1');
  await fsp.mkdir(path.join(dir, 'sub'), { recursive: true });
  await fsp.writeFile(path.join(dir, 'sub', 'config.txt'), 'inside');
  const outside = path.join(root, 'outside');
  await fsp.mkdir(outside);
  await fsp.writeFile(path.join(outside, 'config.txt'), SECRET);
  return { dir, outside };
}

/** Runs `swap` inside the preview's next open of a file (after its path was checked), then `after` once it is open. */
function atOpen(swap: () => Promise<void>, after: () => Promise<void> = () => Promise.resolve()): void {
  const open = fsPromises.open.bind(fsPromises);
  let done = false;
  vi.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof fsPromises.open>) => {
    if (done) return open(...args);
    done = true;
    await swap();
    const fh = await open(...args);
    await after();
    return fh;
  });
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await p);
  } catch (error) {
    if (isShelfError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('a version folder changing between the check and the open', () => {
  it('a folder swapped for a link out of the version is refused, not read', async () => {
    const { dir, outside } = await version();
    atOpen(async () => {
      await fsp.rename(path.join(dir, 'sub'), path.join(dir, 'sub-away'));
      await fsp.symlink(outside, path.join(dir, 'sub'));
    });
    const said = await outcome(readVersionFile(dir, 'sub/config.txt'));
    expect(said).not.toContain(SECRET);
    expect(said).toMatch(/^UNSAFE_PATH: 'sub\/config.txt' /);
  });

  it('and also when the folder is put back right after the open', async () => {
    const { dir, outside } = await version();
    atOpen(
      async () => {
        await fsp.rename(path.join(dir, 'sub'), path.join(dir, 'sub-away'));
        await fsp.symlink(outside, path.join(dir, 'sub'));
      },
      async () => {
        await fsp.rm(path.join(dir, 'sub'));
        await fsp.rename(path.join(dir, 'sub-away'), path.join(dir, 'sub'));
      },
    );
    const said = await outcome(readVersionFile(dir, 'sub/config.txt'));
    expect(said).not.toContain(SECRET);
    expect(said).toMatch(/^UNSAFE_PATH: 'sub\/config.txt' changed while it was being opened/);
    // Nothing is wrong once the folder stays put: the next preview reads the file.
    expect(await readVersionFile(dir, 'sub/config.txt')).toMatchObject({ kind: 'text', text: 'inside' });
  });

  it('a file swapped for a pipe is refused as not a regular file (never shown as an empty text)', { timeout: 30_000 }, async () => {
    const { dir } = await version();
    atOpen(async () => {
      await fsp.rm(path.join(dir, 'sub', 'config.txt'));
      execFileSync('mkfifo', [path.join(dir, 'sub', 'config.txt')]);
    });
    expect(await outcome(readVersionFile(dir, 'sub/config.txt'))).toMatch(/^INVALID_ARGUMENT: 'sub\/config.txt' is not a regular file/);
  });
});

describe('names that are not UTF-8', () => {
  it('previews a file (and a file in a folder) whose name the Files tab shows with U+FFFD', async () => {
    const { dir } = await version();
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    await fsp.writeFile(Buffer.concat([Buffer.from(dir), latin1('/caf\xe9.txt')]), 'latin-1 named');
    const sub = Buffer.concat([Buffer.from(dir), latin1('/r\xe9sum\xe9')]);
    await fsp.mkdir(sub);
    await fsp.writeFile(Buffer.concat([sub, latin1('/na\xefve.txt')]), 'inside a latin-1 folder');
    // What the Files tab lists, and so what the window asks for.
    const names = (await fileTree(dir)).map((n) => n.name);
    expect(names).toContain('caf\uFFFD.txt');
    expect(names).toContain('r\uFFFDsum\uFFFD');
    expect(await readVersionFile(dir, 'caf\uFFFD.txt')).toMatchObject({ kind: 'text', text: 'latin-1 named', path: 'caf\uFFFD.txt' });
    expect(await readVersionFile(dir, 'r\uFFFDsum\uFFFD/na\uFFFDve.txt')).toMatchObject({ kind: 'text', text: 'inside a latin-1 folder' });
    // A name that really holds U+FFFD (valid UTF-8) is read as it is.
    await fsp.writeFile(path.join(dir, 'real\uFFFD.txt'), 'valid UTF-8');
    expect(await readVersionFile(dir, 'real\uFFFD.txt')).toMatchObject({ kind: 'text', text: 'valid UTF-8' });
  });

  it('says so in one sentence when two names read the same', async () => {
    const { dir } = await version();
    await fsp.writeFile(Buffer.concat([Buffer.from(dir), Buffer.from('/caf\xe9.txt', 'latin1')]), 'one');
    await fsp.writeFile(Buffer.concat([Buffer.from(dir), Buffer.from('/caf\xe8.txt', 'latin1')]), 'two');
    const said = await outcome(readVersionFile(dir, 'caf\uFFFD.txt'));
    expect(said).toMatch(/^NOT_FOUND: Several files in this version are named 'caf\uFFFD.txt' once their names are read as UTF-8/);
    expect(said.split('. ').length).toBe(1);
  });

  it('a link out of the version under a name that is not UTF-8 is refused like any other', async () => {
    const { dir, outside } = await version();
    await fsp.symlink(path.join(outside, 'config.txt'), Buffer.concat([Buffer.from(dir), Buffer.from('/l\xe9ak.txt', 'latin1')]));
    const said = await outcome(readVersionFile(dir, 'l\uFFFDak.txt'));
    expect(said).not.toContain(SECRET);
    expect(said).toMatch(/^UNSAFE_PATH: 'l\uFFFDak.txt' leads outside the version folder/);
  });
});
