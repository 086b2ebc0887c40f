import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asNobodyArgs } from './fixtures/as-nobody.ts';
import { exists, writeFiles } from './fixtures/temp-store.ts';

// Failures that only a real disk produces: a full disk (a 1 MiB tmpfs in a private mount
// namespace, so no root is needed), a file the user may not read, a source on another
// filesystem in move mode (EXDEV: /dev/shm is tmpfs, the temp dir is not).

const CHILD = fileURLToPath(new URL('./fixtures/add-child.ts', import.meta.url));

interface ChildResult {
  ok: boolean;
  code?: string;
  message?: string;
  left?: string[];
  staging: string[];
  models: string[];
  path?: string;
}

let root: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-fail-'));
  await fsp.chmod(root, 0o777);
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

function run(command: string, args: string[]): ChildResult {
  const out = execFileSync(command, args, { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

describe('copy failures that need a real disk', () => {
  // 65 MiB goes through the system `cp` first, whose failure falls back to Node's own copy.
  it.each([3, 65])('a full disk gives NO_SPACE naming the home, and nothing stays staged (%i MiB file)', async (mib) => {
    const home = path.join(root, 'home');
    await writeFiles(root, { 'src/big.bin': Buffer.alloc(mib * 1024 * 1024, 1) });
    await fsp.mkdir(home);
    const script = `mount -t tmpfs -o size=1m tmpfs "$1" && shift && exec "$@"`;
    const result = run('unshare', ['-rm', 'sh', '-c', script, 'sh', home, process.execPath, CHILD, home, 'copy', path.join(root, 'src/big.bin')]);
    expect(result).toMatchObject({ ok: false, code: 'NO_SPACE', left: [], staging: [], models: [] });
    expect(result.message).toBe(`The disk holding ${home} is full. Free some space and try again; nothing was added.`);
  });

  it('an unreadable source gives PERMISSION naming the file, and nothing stays staged', async () => {
    const home = path.join(root, 'home');
    await writeFiles(root, { 'src/secret.bin': 'x'.repeat(100) });
    await fsp.chmod(path.join(root, 'src/secret.bin'), 0o000);
    // As root, permissions are not enforced: the child drops to 'nobody' (fixtures/as-nobody.ts).
    await fsp.mkdir(home, { mode: 0o777 });
    await fsp.chmod(home, 0o777);
    const result = run(process.execPath, asNobodyArgs(CHILD, 'addChild', [home, 'copy', path.join(root, 'src/secret.bin')]));
    expect(result).toMatchObject({ ok: false, code: 'PERMISSION', left: [], staging: [] });
    expect(result.message).toContain(path.join(root, 'src/secret.bin'));
  });

  it('move mode across filesystems copies, then removes the source after the commit', async () => {
    const shm = await fsp.mkdtemp('/dev/shm/shelf-exdev-');
    try {
      await writeFiles(shm, { 'w.bin': Buffer.alloc(100_000, 3), 'd/x.txt': 'x' });
      const result = run(process.execPath, [CHILD, path.join(root, 'home'), 'move', path.join(shm, 'w.bin'), path.join(shm, 'd')]);
      expect(result).toMatchObject({ ok: true, staging: [], models: ['child'] });
      expect((await fsp.stat(path.join(result.path ?? '', 'w.bin'))).size).toBe(100_000);
      expect(await fsp.readFile(path.join(result.path ?? '', 'd/x.txt'), 'utf8')).toBe('x');
      expect(await exists(path.join(shm, 'w.bin'))).toBe(false);
      expect(await exists(path.join(shm, 'd'))).toBe(false);
    } finally {
      await fsp.rm(shm, { recursive: true, force: true });
    }
  });
});
