// Names that are not valid UTF-8 meet an archive: tar-stream and yazl write member names only as
// UTF-8 text, so such a name cannot be archived by its bytes. Export refuses it in one sentence
// that names it as shown (it said the folder was "a link whose target is missing"), while a valid
// UTF-8 name that holds U+FFFD itself is archived and comes back byte for byte.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const PYTHON = '/root/.cache/model-shelf/bentoml-venv/bin/python';
const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => fsp.rm(h, { recursive: true, force: true })));
});

const cli = (home: string, ...args: string[]) =>
  spawnSync(process.execPath, [MAIN, '--home', home, ...args], { encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', cwd: path.dirname(MAIN), env: { ...process.env, BENTOML_HOME: '' } });

async function store(): Promise<{ home: string; dir: string }> {
  const home = await tempHome('shelf-non-utf8-export-');
  homes.push(home);
  await writeVersion(home, 'iris', 'v1', { creationTime: '2025-03-14T09:26:01.000000+00:00', files: { 'w.bin': 'some bytes' } });
  await writeLatestFile(home, 'iris', 'v1');
  return { home, dir: path.join(home, 'models', 'iris', 'v1') };
}

describe('export of names that are not UTF-8', () => {
  it('a folder named caf\\xe9: export and the zip format refuse it by its shown name, and leave no archive', { timeout: 240_000 }, async () => {
    const { home, dir } = await store();
    const cafe = Buffer.concat([Buffer.from(`${dir}${path.sep}caf`), Buffer.from([0xe9])]);
    await fsp.mkdir(cafe);
    await fsp.writeFile(Buffer.concat([cafe, Buffer.from(`${path.sep}x.bin`)]), 'inside');
    const out = path.join(home, 'out');
    await fsp.mkdir(out);
    for (const file of ['iris.bentomodel', 'iris.zip']) {
      const r = cli(home, 'export', 'iris:v1', path.join(out, file));
      expect(r.status, r.stdout).toBe(1);
      expect(r.stderr.trim()).toBe(`Error: 'caf\uFFFD' in ${dir} has a name that is not valid UTF-8, so it cannot be put in an archive under the same name (archive member names are written as UTF-8); rename it to a UTF-8 name and try again.`);
    }
    expect(await fsp.readdir(out)).toEqual([]);
  });

  it('a valid UTF-8 name holding U+FFFD itself is exported as those bytes', { timeout: 240_000 }, async () => {
    const { home, dir } = await store();
    await fsp.mkdir(path.join(dir, 'caf\uFFFD'));
    await fsp.writeFile(path.join(dir, 'caf\uFFFD', 'x.bin'), 'inside');
    const archive = path.join(home, 'iris.bentomodel');
    const exported = cli(home, 'export', 'iris:v1', archive);
    expect(exported.status, exported.stderr).toBe(0);
    expect(execFileSync('tar', ['-tJf', archive], { encoding: 'utf8' })).toContain('./caf\uFFFD/x.bin');
  });
});

describe('import of archive members whose names are not UTF-8', () => {
  // GNU tar writes the bytes in the header (gnu format) or raw in a PAX record (pax format), as
  // Python's tarfile (BentoML's export) does with hdrcharset=BINARY: the tar reader cannot give
  // those bytes back (a PAX name reaches it with U+FFFD), so the import refuses instead of storing
  // the folder under other bytes than it had.
  it.each(['gnu', 'pax', 'python'])('a %s archive with a folder named caf\\xe9 is refused and nothing is imported', { timeout: 240_000 }, async (format) => {
    const { home, dir } = await store();
    const src = path.join(home, 'src');
    await fsp.cp(dir, src, { recursive: true });
    const cafe = Buffer.concat([Buffer.from(`${src}${path.sep}caf`), Buffer.from([0xe9])]);
    await fsp.mkdir(cafe);
    await fsp.writeFile(Buffer.concat([cafe, Buffer.from(`${path.sep}x.bin`)]), 'inside');
    const archive = path.join(home, `${format}.tar.xz`);
    if (format === 'python') {
      const py = "import sys, tarfile\nwith tarfile.open(sys.argv[1], 'w:xz', format=tarfile.PAX_FORMAT) as t: t.add(sys.argv[2], arcname='.')";
      execFileSync(PYTHON, ['-c', py, archive, src]);
    } else {
      execFileSync('tar', [`--format=${format}`, '-C', src, '-cJf', archive, '.']);
    }
    const other = await tempHome('shelf-non-utf8-import-');
    homes.push(other);
    const imported = cli(other, 'import', archive);
    expect(imported.status, imported.stdout).toBe(1);
    expect(imported.stderr.trim()).toBe("Error: The archive member './caf\uFFFD/' has a name that is not valid UTF-8 (or holds U+FFFD, which stands for such bytes), so it cannot be extracted under the same name and nothing was imported; rename it to a UTF-8 name where the archive was made and archive it again.");
    await expect(fsp.readdir(path.join(other, 'models', 'iris'))).rejects.toThrow(/ENOENT/);
  });
});
