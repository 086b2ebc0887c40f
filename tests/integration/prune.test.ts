// `model-shelf prune` end to end on real stores: the dry run's list is exactly what the run removes
// (same order, same bytes, and those bytes are what the disk gets back), protections say why,
// --trash can be undone, and bad input changes nothing.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asNobodyArgs, DROPS_TO_NOBODY } from './fixtures/as-nobody.ts';
import { treeChanges, treeSnapshot } from './read-only-fixtures.ts';
import { time, writeLatestFile, writeVersion } from './scan-fixtures.ts';
import { cli, duSb, linkedStore, V, type LinkedStore, type Run } from './du-fixtures.ts';

interface Report {
  remove: { tag: string; bytes: number }[];
  keep: { tag: string; reason: string }[];
  frees: number;
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fsp.rm(r, { recursive: true, force: true })));
});

/**
 * linkedStore plus: alpha:v0004 (newest, latest) and v0005 with no model.yaml (being written),
 * v0006 with a broken model.yaml, a bento using alpha:v0002, and gamma with five versions.
 */
async function store(): Promise<LinkedStore> {
  const s = await linkedStore('shelf-prune-');
  roots.push(s.root);
  await writeVersion(s.home, 'alpha', V(4), { creationTime: time(9), labels: { stage: 'prod' }, files: { 'w.bin': 1_000 } });
  await writeLatestFile(s.home, 'alpha', V(4));
  await writeVersion(s.home, 'alpha', V(5), { yaml: null, files: { 'partial.bin': 2_000 } });
  await writeVersion(s.home, 'alpha', V(6), { yaml: 'name: [unclosed\n', files: { 'x.bin': 10 } });
  const bento = path.join(s.home, 'bentos', 'svc', 'b1');
  await fsp.mkdir(bento, { recursive: true });
  await fsp.writeFile(path.join(bento, 'bento.yaml'), `name: svc\nversion: b1\nmodels:\n- tag: alpha:${V(2)}\n  module: ''\n`);
  for (let i = 1; i <= 5; i++) await writeVersion(s.home, 'gamma', V(i), { creationTime: time(10 + i), labels: { stage: i % 2 ? 'dev' : 'prod' }, files: { 'g.bin': 1_000 * i } });
  await writeLatestFile(s.home, 'gamma', V(5));
  return s;
}

const json = (run: Run): Report => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
};

async function bentomlView(s: LinkedStore): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await fsp.readdir(s.models)).sort()) {
    for (const entry of (await fsp.readdir(path.join(s.models, name))).sort()) out.push(`${name}/${entry}`);
  }
  return out;
}

describe('prune: the dry run lists exactly what the run removes', () => {
  it('same order, same bytes, and the disk gets those bytes back; protections say why', async () => {
    const s = await store();
    const args = ['--home', s.home, 'prune', '--keep-last', '1', '--json'];
    const plan = json(await cli([...args, '--dry-run']));
    expect(plan.remove.map((r) => r.tag)).toEqual([`alpha:${V(1)}`, `alpha:${V(3)}`, `gamma:${V(1)}`, `gamma:${V(2)}`, `gamma:${V(3)}`, `gamma:${V(4)}`]);
    expect(plan.keep).toEqual([
      { tag: `alpha:${V(4)}`, reason: 'latest' },
      { tag: `alpha:${V(2)}`, reason: 'used-by-bento' },
      { tag: `alpha:${V(5)}`, reason: 'being-written' },
      { tag: `alpha:${V(6)}`, reason: 'broken' },
      { tag: `beta:${V(1)}`, reason: 'latest' },
      { tag: `gamma:${V(5)}`, reason: 'latest' },
    ]);
    expect(plan.frees).toBe(plan.remove.reduce((a, r) => a + r.bytes, 0));
    const before = duSb(s.root);
    const done = json(await cli([...args, '--yes']));
    expect(done).toEqual(plan);
    expect(before - duSb(s.root)).toBe(plan.frees);
    expect(await bentomlView(s)).toEqual(['alpha/latest', `alpha/${V(2)}`, `alpha/${V(4)}`, `alpha/${V(5)}`, `alpha/${V(6)}`, 'beta/latest', `beta/${V(1)}`, 'gamma/latest', `gamma/${V(5)}`]);
    expect(await fsp.readFile(path.join(s.models, 'alpha', 'latest'), 'utf8')).toBe(V(4));
    expect(await fsp.readFile(path.join(s.models, 'gamma', 'latest'), 'utf8')).toBe(V(5));
  });

  it('a file hard-linked into two removed versions is counted by the removal that takes its last link', async () => {
    const s = await store();
    // alpha:v0001's weights are linked into v0002 (kept by the bento) and staging: drop both other links.
    await fsp.rm(path.join(s.home, '.model-shelf', 'staging', 'leftover'), { recursive: true });
    await fsp.rm(path.join(s.home, 'bentos'), { recursive: true });
    const plan = json(await cli(['--home', s.home, 'prune', 'alpha', '--keep-last', '1', '--json', '--dry-run']));
    expect(plan.remove.map((r) => r.tag)).toEqual([`alpha:${V(1)}`, `alpha:${V(2)}`, `alpha:${V(3)}`]);
    const before = duSb(s.root);
    expect(json(await cli(['--home', s.home, 'prune', 'alpha', '--keep-last', '1', '--json', '--yes']))).toEqual(plan);
    expect(before - duSb(s.root)).toBe(plan.frees);
    // v0002 takes the weights' last link: its removal frees them (du alone says v0002 frees none of them).
    expect(plan.remove[1]?.bytes).toBeGreaterThan(40_000);
  });

  it('--older-than and --label narrow what goes; text output names each protection', async () => {
    const s = await store();
    await writeVersion(s.home, 'gamma', V(6), { creationTime: new Date().toISOString().replace('Z', '000+00:00'), labels: { stage: 'dev' } });
    await writeLatestFile(s.home, 'gamma', V(6));
    const plan = json(await cli(['--home', s.home, 'prune', 'gamma', '--older-than', '30d', '--label', 'stage=dev', '--json', '--dry-run']));
    expect(plan.remove.map((r) => r.tag)).toEqual([`gamma:${V(1)}`, `gamma:${V(3)}`, `gamma:${V(5)}`]);
    expect(plan.keep).toEqual([
      { tag: `gamma:${V(6)}`, reason: 'latest' },
      { tag: `gamma:${V(4)}`, reason: 'label' },
      { tag: `gamma:${V(2)}`, reason: 'label' },
    ]);
    const text = await cli(['--home', s.home, 'prune', 'alpha', '--keep-last', '1', '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`  = alpha:${V(2)}  used-by-bento: the bento svc:b1 uses it\n`);
    expect(text.stdout).toContain(`  = alpha:${V(5)}  being-written: it has no model.yaml yet`);
    expect(text.stdout).toMatch(/^Would remove 2 versions \(.*\):\n/);
  });

  it('--trash moves the versions to the trash, and trash restore brings one back', async () => {
    const s = await store();
    const done = json(await cli(['--home', s.home, 'prune', 'gamma', '--keep-last', '3', '--trash', '--yes', '--json']));
    expect(done.remove.map((r) => r.tag)).toEqual([`gamma:${V(1)}`, `gamma:${V(2)}`]);
    const listed = await cli(['--home', s.home, 'trash', 'list']);
    expect(listed.stdout).toContain(`gamma:${V(1)}`);
    const id = /(\d+-[0-9a-f]+)\s+gamma:v0002/.exec(listed.stdout)?.[1] ?? /gamma:v0002\s+(\d+-[0-9a-f]+)/.exec(listed.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await cli(['--home', s.home, 'trash', 'restore', id ?? ''])).code).toBe(0);
    expect(await fsp.readdir(path.join(s.models, 'gamma'))).toEqual(expect.arrayContaining([V(2), V(3), V(4), V(5)]));
  });
});

/** The CLI on a terminal (util-linux `script` gives it a pty), answering the question with `answer`. */
function onTerminal(args: string[], answer: string): Promise<Run> {
  const main = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
  const quoted = [process.execPath, main, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', quoted, '/dev/null'], { env: { ...process.env, BENTOML_HOME: '' } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('[y/N]')) child.stdin.end(`${answer}\n`);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr: '' }));
  });
}

describe('prune on a terminal asks once, after listing what goes', () => {
  it('no: nothing changes; yes: exactly the listed versions go', async () => {
    const s = await store();
    const before = await treeSnapshot(s.home);
    const no = await onTerminal(['--home', s.home, 'prune', 'gamma', '--keep-last', '4'], 'n');
    expect(no.stdout).toContain(`  - gamma:${V(1)}`);
    expect(no.stdout).toContain('Remove these 1 version(s) for good? [y/N]');
    expect(no.stdout).toContain('Nothing was pruned.');
    expect(no.code).toBe(0);
    expect(treeChanges(before, await treeSnapshot(s.home))).toEqual([]);
    const yes = await onTerminal(['--home', s.home, 'prune', 'gamma', '--keep-last', '4'], 'y');
    expect(yes.stdout).toMatch(/Removed 1 version \(.*\):\r?\n {2}- gamma:v0001/);
    expect((await fsp.readdir(path.join(s.models, 'gamma'))).sort()).toEqual(['latest', V(2), V(3), V(4), V(5)]);
  });
});

describe('prune: the run removes only its plan, even when the store changed meanwhile', () => {
  it('a version deleted, replaced, relabelled or newly used by a bento is left alone and reported', async () => {
    const s = await store();
    const { loadPrune, storePaths } = await import('../../src-main/store/index.ts');
    const { applyPrune, planPrune } = await loadPrune();
    const paths = storePaths(s.home);
    const plan = await planPrune(paths, { names: ['gamma'], keepLast: 1 });
    expect(plan.remove.map((r) => r.tag)).toEqual([1, 2, 3, 4].map((i) => `gamma:${V(i)}`));
    // Meanwhile: v0001 deleted, v0002 replaced by a new folder, v0003 relabelled, a bento now uses
    // v0004, and a new version v0007 is saved (it is not in the plan).
    await fsp.rm(path.join(s.models, 'gamma', V(1)), { recursive: true });
    await fsp.rm(path.join(s.models, 'gamma', V(2)), { recursive: true });
    await writeVersion(s.home, 'gamma', V(2), { creationTime: time(12), labels: { stage: 'prod' } });
    const y3 = path.join(s.models, 'gamma', V(3), 'model.yaml');
    await fsp.writeFile(y3, (await fsp.readFile(y3, 'utf8')).replace('stage: dev', 'stage: keep'));
    const bento = path.join(s.home, 'bentos', 'svc2', 'b2');
    await fsp.mkdir(bento, { recursive: true });
    await fsp.writeFile(path.join(bento, 'bento.yaml'), `name: svc2\nversion: b2\nmodels:\n- gamma:${V(4)}\n`);
    await writeVersion(s.home, 'gamma', V(7), { creationTime: time(1) });
    const done = await applyPrune(paths, plan);
    expect(done.remove).toEqual([]);
    expect(done.keep.filter((k) => k.reason === 'changed').map((k) => `${k.tag} ${k.detail}`)).toEqual([
      `gamma:${V(1)} it was deleted meanwhile, so it was left alone`,
      `gamma:${V(2)} it was replaced by another folder of the same name meanwhile, so it was left alone`,
      `gamma:${V(3)} its labels or creation time changed meanwhile, so it was left alone`,
      `gamma:${V(4)} a bento (svc2:b2) uses it now, so it was left alone`,
    ]);
    expect((await fsp.readdir(path.join(s.models, 'gamma'))).sort()).toEqual(['latest', V(2), V(3), V(4), V(5), V(7)]);
  });
});

/** chattr +i works here (root on ext4, xfs, btrfs; not tmpfs or overlayfs): how to make one rename fail. */
function immutableWorks(): boolean {
  try {
    const probe = mkdtempSync(path.join(os.tmpdir(), 'shelf-chattr-'));
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    rmSync(probe, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

describe('prune stopped half-way says what already went', () => {
  it.runIf(immutableWorks())('a version that cannot be moved (immutable) stops the run; the older ones are gone and named', async () => {
    const s = await store();
    const stuck = path.join(s.models, 'gamma', V(3));
    execFileSync('chattr', ['+i', stuck]);
    try {
      const run = await cli(['--home', s.home, 'prune', 'gamma', '--keep-last', '1', '--yes']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^Error: Model Shelf is not allowed to move '${stuck}' \\(EPERM\\)\\. Check its permissions and try again\\. 2 versions were removed before that: gamma:${V(1)}, gamma:${V(2)}\\.\\n$`));
      expect((await fsp.readdir(path.join(s.models, 'gamma'))).sort()).toEqual(['latest', V(3), V(4), V(5)]);
      expect(await fsp.readdir(path.join(s.home, '.model-shelf', 'staging'))).toEqual(['leftover']);
    } finally {
      execFileSync('chattr', ['-i', stuck]);
    }
  });
});

describe('prune: bad input is one sentence and changes nothing', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['an unknown name', ['nope', 'alpha', 'zeta', '--keep-last', '2'], 1, /^Error: There are no models named 'nope' and 'zeta' in .*, so nothing was pruned\. Run `model-shelf list` to see the models there\.\n$/],
    ['a tag instead of a name', ['alpha:v0001', '--keep-last', '2'], 2, /^Error: prune takes model names, not tags: 'alpha:v0001' names a version; give 'alpha', or delete that version with `model-shelf delete alpha:v0001`\.\n$/],
    ['no rule', [], 2, /^Error: Say what to prune with --keep-last N, --older-than DURATION or --label KEY=VALUE; nothing was removed\.\n$/],
    ['a bad duration', ['--older-than', '30'], 2, /^Error: '30' is not a duration; write a whole number and a unit, for example 90m, 12h, 30d or 2w\.\n$/],
    ['a zero duration', ['--older-than', '0d'], 2, /^Error: '0d' is not a duration/],
    ['a label filter without =', ['--label', 'stage'], 2, /^Error: --label takes KEY=VALUE, for example --label stage=dev, not 'stage'\.\n$/],
    ['--keep-last 0', ['--keep-last', '0'], 2, /^Error: --keep-last takes a whole number of at least 1, not '0' \(the latest version is always kept anyway\)\.\n$/],
    ['--keep-last twice', ['--keep-last', '2', '--keep-last', '3'], 2, /^Error: --keep-last was given twice with different values \(2 and 3\); give it once\.\n$/],
    ['one label key twice', ['--label', 'stage=dev', '--label', 'stage=prod'], 2, /^Error: --label stage was given twice with different values \(dev and prod\); no version can carry both\.\n$/],
    ['--dry-run with --yes', ['--keep-last', '1', '--dry-run', '--yes'], 2, /^Error: --dry-run changes nothing, so there is nothing for --yes to confirm; give one of them\.\n$/],
    ['no terminal and no --yes', ['--keep-last', '1'], 1, /^Error: Nothing was pruned because there is no terminal to confirm on; run with --dry-run to see the 6 version\(s\) it would remove, then with --yes\.\n$/],
  ];
  for (const [what, args, code, stderr] of cases) {
    it(what, async () => {
      const s = await store();
      const before = await treeSnapshot(s.home);
      const run = await cli(['--home', s.home, 'prune', ...args]);
      expect(run.stderr).toMatch(stderr);
      expect(run.code).toBe(code);
      expect(run.stdout).toBe('');
      expect(treeChanges(before, await treeSnapshot(s.home))).toEqual([]);
    });
  }

  it('a prune that would remove nothing says so and exits 0, with and without --json', async () => {
    const s = await store();
    const before = await treeSnapshot(s.home);
    const run = await cli(['--home', s.home, 'prune', 'beta', '--keep-last', '1', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Nothing to prune: no version matches the rules.\nKept:\n  = beta:${V(1)}  latest: it is beta's latest (what \`bentoml models get beta\` loads)\n`);
    expect(json(await cli(['--home', s.home, 'prune', 'beta', '--keep-last', '1', '--yes', '--json']))).toEqual({ remove: [], keep: [{ tag: `beta:${V(1)}`, reason: 'latest' }], frees: 0 });
    expect(treeChanges(before, await treeSnapshot(s.home))).toEqual([]);
  });

  it.runIf(DROPS_TO_NOBODY)('a read-only store: the dry run works, the run refuses in one sentence', async () => {
    const s = await store();
    await fsp.chmod(s.root, 0o755);
    const before = await treeSnapshot(s.home);
    const PROGRAM = fileURLToPath(new URL('../../src-main/cli/program.ts', import.meta.url));
    const asNobody = (args: string[]): Promise<Run> =>
      new Promise((resolve) => {
        execFile(process.execPath, asNobodyArgs(PROGRAM, 'runCli', ['--home', s.home, 'prune', ...args]), { env: { ...process.env, BENTOML_HOME: '' }, cwd: s.root }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
      });
    const dry = await asNobody(['--keep-last', '1', '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    expect((JSON.parse(dry.stdout) as Report).remove).toHaveLength(6);
    const run = await asNobody(['--keep-last', '1', '--yes']);
    expect(run.stderr).toBe(`Error: Nothing was pruned: Model Shelf cannot change ${s.models} (EACCES), so the store is read-only for it. Prune as a user who may write there, or on a writable disk.\n`);
    expect(run.code).toBe(1);
    expect(treeChanges(before, await treeSnapshot(s.home))).toEqual([]);
  });
});

describe('prune: the plan costs linear work (counted, not timed)', () => {
  it('the same steps per version at 50, 100 and 200 versions (10 models)', async () => {
    const { generateStore } = await import('../../bench/gen-store.ts');
    const { countWork } = await import('../../src-main/store/paths/work-count.ts');
    const { loadPrune, storePaths } = await import('../../src-main/store/index.ts');
    const { planPrune } = await loadPrune();
    const s = await store();
    for (const versions of [5, 10, 20]) {
      const home = path.join(s.root, `gen-${versions}`);
      await generateStore(home, { names: 10, versions });
      const counted = await countWork('usage-read', () => planPrune(storePaths(home), { keepLast: 2 }));
      expect(counted.error).toBeUndefined();
      expect(counted.result?.remove).toHaveLength(10 * (versions - 2));
      // models/ (lstat, list) + per name (lstat, list, latest) + per version (lstat, list, two
      // files, and its model.yaml read once more for its creation_time and labels).
      expect(counted.steps).toBe(2 + 10 * 3 + 10 * versions * 5);
    }
  });
});
