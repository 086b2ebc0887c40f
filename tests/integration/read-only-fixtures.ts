// Stores whose `latest` is every way BentoML can find it, and a snapshot of a whole folder tree
// precise enough to see any write: read-only commands must leave it identical (issue 8).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { stagingHost } from '../../src-main/store/create/staging-area.ts';
import { writeLatestFile, writeVersion } from './scan-fixtures.ts';

export const VARIANTS = ['symlink-file', 'symlink-dir', 'missing', 'stale', 'empty', 'newline', 'no-private', 'missing-store'] as const;
export type Variant = (typeof VARIANTS)[number];

export const OLD = 'aaaaaaaaaaaaaaa1';
export const NEWEST = 'bbbbbbbbbbbbbbb2';
export const OLDEST = 'ccccccccccccccc3';
export const OTHER = 'ddddddddddddddd4';
/** A pid no process has (above Linux's largest pid_max): its leftovers are a dead owner's. */
export const DEAD_PID = 4194305;

const time = (second: number): string => `2025-03-14T09:26:${String(second).padStart(2, '0')}.000000+00:00`;

/**
 * `home` with models iris (three versions; `latest` as the variant says) and other, a bento, and
 * a `.model-shelf` holding what a careless reader would touch: a dead process's staging (reclaim),
 * a dead process's lock (stale-lock breaking) and a trashed version.
 */
export async function makeVariantStore(home: string, variant: Variant): Promise<void> {
  if (variant === 'missing-store') return;
  await writeVersion(home, 'iris', OLD, { creationTime: time(5), labels: { stage: 'prod' }, files: { 'w.bin': 300 } });
  await writeVersion(home, 'iris', NEWEST, { creationTime: time(9), files: { 'w.bin': 200 } });
  await writeVersion(home, 'iris', OLDEST, { creationTime: time(1) });
  await writeVersion(home, 'other', OTHER, { creationTime: time(3) });
  // Without .model-shelf, `other` has no pointer: resolving it once created .model-shelf/locks/.
  if (variant !== 'no-private') await writeLatestFile(home, 'other', OTHER);
  const latest = path.join(home, 'models', 'iris', 'latest');
  switch (variant) {
    case 'symlink-file':
      // A link to a file naming an OLDER version: BentoML follows it (and writes through it).
      await fsp.writeFile(path.join(home, 'iris-pointer'), OLD);
      await fsp.symlink('../../iris-pointer', latest);
      break;
    case 'symlink-dir':
      await fsp.symlink(NEWEST, latest);
      break;
    case 'missing':
      break;
    case 'stale':
      await writeLatestFile(home, 'iris', 'zzzzzzzzzzzzzzz9');
      break;
    case 'empty':
      await writeLatestFile(home, 'iris', '');
      break;
    case 'newline':
      await writeLatestFile(home, 'iris', `${OLDEST}\n`);
      break;
    case 'no-private':
      await writeLatestFile(home, 'iris', NEWEST);
      break;
  }
  await fsp.mkdir(path.join(home, 'bentos', 'svc', 'v1'), { recursive: true });
  await fsp.writeFile(path.join(home, 'bentos', 'svc', 'v1', 'bento.yaml'), `service: svc:Svc\nname: svc\nversion: v1\nmodels:\n- tag: iris:${OLD}\n`);
  if (variant === 'no-private') return;
  const priv = path.join(home, '.model-shelf');
  const staging = path.join(priv, 'staging', `create-${stagingHost()}-${DEAD_PID}-abcdef012345`);
  await fsp.mkdir(staging, { recursive: true });
  await fsp.writeFile(path.join(staging, 'half.bin'), 'half a model');
  await fsp.mkdir(path.join(priv, 'locks'), { recursive: true });
  await fsp.writeFile(path.join(priv, 'locks', 'iris.lock'), JSON.stringify({ pid: DEAD_PID, host: stagingHost(), time: Date.now() - 3_600_000, token: 'deadbeefdeadbeef' }));
  const id = '1700000000000-0a1b2c3d';
  await fsp.mkdir(path.join(priv, 'trash', id), { recursive: true });
  await fsp.writeFile(path.join(priv, 'trash', id, 'model.yaml'), 'name: gone\n');
  await fsp.writeFile(
    path.join(priv, 'trash', `${id}.json`),
    JSON.stringify({ id, tag: 'gone:v1', name: 'gone', version: 'v1', size: 11, deletedAt: '2025-01-01T00:00:00.000Z', from: 'models/gone/v1' }),
  );
}

const SMALL = 64 * 1024;

/**
 * Every entry under `root` (the root itself too): type, inode, mode, size, mtime and ctime in
 * nanoseconds, link targets and the bytes of small files. A write anywhere changes a line: a
 * file rewritten in place (mtime, ctime), replaced by rename (inode), a temporary entry made and
 * removed again (its folder's mtime). Access times are left out: reading sets them.
 */
export async function treeSnapshot(root: string, skip: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  const visit = async (abs: string, rel: string): Promise<void> => {
    const st = await fsp.lstat(abs, { bigint: true });
    const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    let detail = '';
    if (st.isSymbolicLink()) detail = `-> ${await fsp.readlink(abs)}`;
    else if (st.isFile() && st.size <= BigInt(SMALL)) detail = JSON.stringify((await fsp.readFile(abs)).toString('latin1'));
    out.push(`${rel || '.'} ${type} ino=${st.ino} mode=${st.mode.toString(8)} size=${st.size} mtime=${st.mtimeNs} ctime=${st.ctimeNs} ${detail}`);
    if (st.isDirectory()) {
      for (const name of (await fsp.readdir(abs)).sort()) {
        const childRel = rel ? `${rel}/${name}` : name;
        if (!skip.includes(childRel)) await visit(path.join(abs, name), childRel);
      }
    }
  };
  await visit(root, '');
  return out;
}

/** The lines of `after` that differ from `before`, for a readable failure. */
export function treeChanges(before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  const now = new Set(after);
  return [...before.filter((l) => !now.has(l)).map((l) => `- ${l}`), ...after.filter((l) => !was.has(l)).map((l) => `+ ${l}`)];
}

/** What `get iris` resolves to in each variant, as BentoML 1.4.40 does (tests/interop/list-latest.test.ts); null: it fails. */
export const RESOLVES_AS_BENTOML: Record<Variant, string | null> = {
  'symlink-file': OLD,
  'symlink-dir': null,
  missing: NEWEST,
  stale: NEWEST,
  empty: null,
  newline: OLDEST,
  'no-private': NEWEST,
  'missing-store': null,
};
