import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHolder } from '../../src-main/store/remove/deleting-holders.ts';
import { ownerHost } from '../../src-main/store/paths/owner-id.ts';
import { bentomlVersion, exists, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// Issue 8 item 4, the whole class: every temporary thing Model Shelf makes names its owner
// (owner-id.ts), and what a dead owner left is reclaimed the next time that place is used, never
// what a live one is working on; `repair` reports every abandoned one and removes it. (Export
// partials: leftover-export.test.ts; locks: repair.test.ts.)

const DEAD_PID = 4194305; // above Linux's pid_max: never a running process
const host = ownerHost();
const dead = (hex = 'abcdef'): string => `${host}-${DEAD_PID}-${hex}`;
const live = (hex = 'abcdef'): string => `${host}-${process.pid}-${hex}`;
const foreign = 'other.example_host-4194305-abcdef';
const dayAgo = (): Date => new Date(Date.now() - 25 * 60 * 60 * 1000);

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  for (const name of ['m', 'keep']) {
    await bentomlVersion(t.home, name, 'v1', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'w' });
    await bentomlVersion(t.home, name, 'v2', '2025-02-01T00:00:00.000000+00:00', { 'w.bin': 'w' });
    await fsp.writeFile(path.join(t.home, 'models', name, 'latest'), 'v2');
  }
  await writeFiles(t.src, { 'w.bin': 'new weights' });
});
afterEach(async () => {
  await t.cleanup();
});

/** A folder a crashed cross-disk delete left beside models/, holding the version it was removing. */
async function holder(stamp: string): Promise<string> {
  const dir = path.join(t.home, `.model-shelf-deleting-${stamp}`);
  await writeFiles(path.join(dir, 'version'), { 'model.yaml': 'name: gone\n', 'w.bin': 'w' });
  return dir;
}

describe('folders of a cross-disk delete (.model-shelf-deleting-*)', () => {
  it('are named for their owner', async () => {
    const dir = await makeHolder(t.home);
    expect(path.basename(dir)).toMatch(new RegExp(`^\\.model-shelf-deleting-${host.replace(/\./g, '\\.')}-${process.pid}-[0-9a-f]+$`));
  });

  it('a dead owner\'s is reclaimed by the next delete; a live or another machine\'s is not', async () => {
    const deadDir = await holder(dead());
    const liveDir = await holder(live());
    const foreignDir = await holder(foreign);
    await t.store.delete(['keep:v1']);
    expect(await exists(deadDir)).toBe(false);
    expect(await exists(liveDir)).toBe(true);
    expect(await exists(foreignDir)).toBe(true);
  });

  it('repair --dry-run reports a dead owner\'s and changes nothing; repair removes it', async () => {
    const deadDir = await holder(dead());
    const liveDir = await holder(live());
    const legacyOld = await holder('a1B2c3'); // mkdtemp's name, from before owners were named
    const legacyNew = await holder('Zz9yX8');
    await fsp.utimes(legacyOld, dayAgo(), dayAgo());
    const before = await treeListing(t.home);
    const dry = await t.store.repair({ dryRun: true });
    const paths = dry.problems.map((p) => p.path).sort();
    expect(paths).toEqual([path.basename(deadDir), path.basename(legacyOld)].sort());
    expect(dry.problems.find((p) => p.path === path.basename(deadDir))?.message).toBe(
      `${path.basename(deadDir)} holds a version that a delete was removing when it stopped; it was left by a Model Shelf process (pid ${DEAD_PID}) that is no longer running.`,
    );
    expect(await treeListing(t.home)).toEqual(before);

    const report = await t.store.repair();
    expect(report.fixed).toEqual(expect.arrayContaining([`Removed ${path.basename(deadDir)}.`, `Removed ${path.basename(legacyOld)}.`]));
    expect(await exists(deadDir)).toBe(false);
    expect(await exists(legacyOld)).toBe(false);
    expect(await exists(liveDir)).toBe(true);
    expect(await exists(legacyNew)).toBe(true);
  });
});

describe('temp files of `latest` (models/<name>/.latest.*)', () => {
  it('a dead owner\'s is reclaimed by the next write of that latest; a live one\'s is not', async () => {
    const nameDir = path.join(t.home, 'models', 'm');
    await fsp.writeFile(path.join(nameDir, `.latest.${dead('0123456789ab')}`), 'v1');
    await fsp.writeFile(path.join(nameDir, `.latest.${live('0123456789ab')}`), 'v1');
    const session = await t.store.begin({ tag: 'm:v3' });
    await session.add([path.join(t.src, 'w.bin')]);
    await session.commit();
    expect((await fsp.readdir(nameDir)).filter((n) => n.startsWith('.latest')).sort()).toEqual([`.latest.${live('0123456789ab')}`]);
    expect(await fsp.readFile(path.join(nameDir, 'latest'), 'utf8')).toBe('v3');
  });

  it('repair reports and removes a dead owner\'s and an old ownerless one, leaves the rest', async () => {
    const nameDir = path.join(t.home, 'models', 'keep');
    const files = [`.latest.${dead('0123456789ab')}`, `.latest.${live('0123456789ab')}`, '.latest.0123456789ab', '.latest.ba9876543210'];
    for (const f of files) await fsp.writeFile(path.join(nameDir, f), 'v1');
    await fsp.utimes(path.join(nameDir, '.latest.0123456789ab'), dayAgo(), dayAgo());
    const dry = await t.store.repair({ dryRun: true });
    expect(dry.problems.map((p) => p.path).sort()).toEqual([`models/keep/${files[0]}`, `models/keep/${files[2]}`].sort());
    expect(dry.problems[0]?.fix).toBe('Remove it; BentoML never reads it.');
    await t.store.repair();
    expect((await fsp.readdir(nameDir)).filter((n) => n.startsWith('.latest')).sort()).toEqual([files[1], files[3]].sort());
  });
});

describe('staging of a crashed writer (.model-shelf/staging/)', () => {
  it('a dead owner\'s is reclaimed by the next create and by the next delete, never a live one\'s', async () => {
    const staging = t.store.paths.staging;
    const ids = { deadCreate: `create-${dead()}`, deadDelete: `delete-${dead('123456')}`, live: `import-${live()}`, foreign: `create-${foreign}` };
    const make = async (id: string): Promise<void> => writeFiles(path.join(staging, id), { 'w.bin': 'x' });
    await make(ids.deadCreate);
    await make(ids.live);
    await make(ids.foreign);
    const session = await t.store.begin({ tag: 'm:v3' });
    await session.abort();
    expect((await fsp.readdir(staging)).sort()).toEqual([ids.foreign, ids.live].sort());
    await make(ids.deadDelete);
    await t.store.delete(['keep:v1']);
    expect((await fsp.readdir(staging)).sort()).toEqual([ids.foreign, ids.live].sort());
  });
});

describe('the private copy made after a move (a stored file still linked outside the store)', () => {
  const CHILD = fileURLToPath(new URL('./fixtures/move-child.ts', import.meta.url));

  it('is made in staging, so a kill during it leaves nothing inside the saved version', async () => {
    // The child blocks at the 'unshare-copying' crash point, so the kill lands mid-copy
    // whatever the machine's speed.
    const big = path.join(t.src, 'big.bin');
    await fsp.writeFile(big, Buffer.alloc(1024 * 1024, 7));
    const child = spawn(process.execPath, [CHILD, t.home, big], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      while (!out.includes('"added"')) {
        if (child.exitCode !== null) throw new Error('the child ended before adding its file');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Someone links the source meanwhile: after the commit the stored file shares its data.
      await fsp.link(big, path.join(t.src, 'other-link.bin'));
      child.stdin.write('commit\n');
      while (!out.includes('"copying"')) {
        if (child.exitCode !== null) throw new Error('the child ended before it made the private copy');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const [version] = (await fsp.readdir(path.join(t.home, 'models', 'moved'))).filter((v) => v !== 'latest');
    const dir = path.join(t.home, 'models', 'moved', version ?? '');
    expect((await fsp.readdir(dir)).sort()).toEqual(['big.bin', 'model.yaml']);
    // Killed mid-copy: the file still shares its data, and the copy is a dead staging entry...
    expect((await fsp.stat(path.join(dir, 'big.bin'))).nlink).toBe(2);
    expect((await fsp.readdir(t.store.paths.staging)).filter((n) => n.includes(`-${child.pid}-`))).toHaveLength(1);
    // ...that the next writer reclaims.
    const session = await t.store.begin({ tag: 'm:v3' });
    await session.abort();
    expect((await fsp.readdir(t.store.paths.staging)).filter((n) => n.includes(`-${child.pid}-`))).toEqual([]);
  });
});

describe('the trash (.model-shelf/trash/)', () => {
  it('a dead owner\'s manifest temp file is reclaimed by the next delete --trash; a live one\'s is not', async () => {
    await fsp.mkdir(t.store.paths.trash, { recursive: true });
    const deadTemp = `1700000000000-abcd1234.json.${dead()}.tmp`;
    const liveTemp = `1700000000000-abcd1234.json.${live()}.tmp`;
    for (const f of [deadTemp, liveTemp]) await fsp.writeFile(path.join(t.store.paths.trash, f), '{');
    const { trashed } = await t.store.delete(['keep:v1'], { trash: true });
    const id = trashed[0]?.id ?? '';
    expect((await fsp.readdir(t.store.paths.trash)).sort()).toEqual([id, `${id}.json`, liveTemp].sort());
  });

  it('repair removes a dead owner\'s temp file and a manifest whose version is not there', async () => {
    const { trashed } = await t.store.delete(['keep:v1'], { trash: true });
    const id = trashed[0]?.id ?? '';
    const trash = t.store.paths.trash;
    const lone = '1700000000000-00ff00ff.json';
    await fsp.writeFile(path.join(trash, lone), JSON.stringify({ id: '1700000000000-00ff00ff', name: 'gone', version: 'v1' }));
    await fsp.utimes(path.join(trash, lone), dayAgo(), dayAgo());
    await fsp.writeFile(path.join(trash, `${id}.json.${dead()}.tmp`), '{');
    const dry = await t.store.repair({ dryRun: true });
    expect(dry.problems.map((p) => p.path).sort()).toEqual([`.model-shelf/trash/${id}.json.${dead()}.tmp`, `.model-shelf/trash/${lone}`].sort());
    expect(dry.problems.find((p) => p.path.endsWith(lone))?.message).toBe(
      `.model-shelf/trash/${lone} is a trash record without its version (an interrupted delete, restore or \`trash empty\`).`,
    );
    await t.store.repair();
    expect((await fsp.readdir(trash)).sort()).toEqual([id, `${id}.json`].sort());
    expect((await t.store.listTrash()).map((e) => e.id)).toEqual([id]);
  });
});
