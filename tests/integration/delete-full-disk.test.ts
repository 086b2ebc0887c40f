import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// A delete on a full disk (a 1 MiB tmpfs in a private mount namespace, so no root is needed):
// whatever it managed before the disk refused (a lock, a trash manifest), what it says must be
// what happened, and it must not borrow a create's "nothing was added".

const CHILD = fileURLToPath(new URL('./fixtures/full-disk-delete-child.ts', import.meta.url));

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
  inModels: string[];
  inTrash: string[];
}

let root: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-delfull-'));
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

function deleteOnFullDisk(home: string, freePages: number, mode: 'trash' | 'for-good'): Outcome {
  const script = `mount -t tmpfs -o size=1m tmpfs "$1" && shift && exec "$@"`;
  const out = execFileSync('unshare', ['-rm', 'sh', '-c', script, 'sh', home, process.execPath, CHILD, home, String(freePages), mode], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Outcome;
}

describe('delete on a full disk', () => {
  it.each(['trash', 'for-good'] as const)('says exactly what was deleted (--%s), for every amount of space left', { timeout: 240_000 }, async (mode) => {
    const verb = mode === 'trash' ? 'moved to the trash' : 'deleted';
    const seen = new Set<string>();
    for (let pages = 0; pages <= 4; pages += 1) {
      const home = path.join(root, `home-${mode}-${pages}`);
      await fsp.mkdir(home);
      const o = deleteOnFullDisk(home, pages, mode);
      const gone = ['a:v1', 'b:v1'].filter((t) => !o.inModels.includes(t));
      // A version is either still in the store or (with --trash) in the trash; never lost.
      if (mode === 'trash') expect(o.inTrash).toEqual(gone);
      if (o.status === 0) {
        expect(gone).toEqual(['a:v1', 'b:v1']);
        seen.add('done');
        continue;
      }
      expect(o.status).toBe(1);
      expect(o.stderr).not.toContain('nothing was added');
      const said = o.stderr.trim();
      if (gone.length === 0) {
        expect(said).toBe(`Error: The disk holding ${home} is full: nothing was ${verb}. Free some space and try again.`);
        seen.add('nothing');
      } else {
        expect(said).toBe(`Error: The disk holding ${home} is full: ${gone.join(' and ')} ${gone.length === 1 ? 'was' : 'were'} ${verb}, the others were not. Free some space and try again.`);
        seen.add('some');
      }
    }
    // The sweep went from a disk too full to delete anything to one with room enough.
    expect(seen.has('nothing')).toBe(true);
    expect(seen.has('done')).toBe(true);
  });
});
