import { spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { asNobodyArgs } from './fixtures/as-nobody.ts';

// What a person sees when the disk says no: one sentence naming the path, never Node's
// "EACCES: permission denied, open '...'" text. Permissions are only enforced for non-root, so
// as root the CLI runs as 'nobody' (fixtures/as-nobody.ts, like copy-failures.test.ts); other
// disks are tmpfs mounts in a private mount namespace (`unshare -rm`, no root needed).

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
// The CLI as 'nobody' when we are root (fixtures/as-nobody.ts: wherever Node and the checkout are).
const PROGRAM = fileURLToPath(new URL('../../src-main/cli/program.ts', import.meta.url));

let root: string;
let home: string;
let trashId: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-errno-'));
  await fsp.chmod(root, 0o755);
  home = path.join(root, 'home');
  await fsp.writeFile(path.join(root, 'w.bin'), 'weights');
  const store = await ModelStore.open({ home });
  for (const tag of ['t1:v1', 't2:v1']) {
    const s = await store.begin({ tag });
    await s.add([path.join(root, 'w.bin')]);
    await s.commit();
  }
  trashId = (await store.delete(['t2:v1'], { trash: true })).trashed[0]?.id ?? '';
  await fsp.mkdir(store.paths.locks, { recursive: true });
});
afterEach(async () => {
  await setDirModes(root, 0o755); // a non-root owner cannot empty a read-only folder
  await fsp.rm(root, { recursive: true, force: true });
});

/** Sets the mode of `dir` and of every folder below it (files keep theirs). */
async function setDirModes(dir: string, mode: number): Promise<void> {
  await fsp.chmod(dir, mode);
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await setDirModes(path.join(dir, entry.name), mode);
  }
}

function cli(args: string[], as: 'me' | 'nobody' = 'me'): { code: number | null; stderr: string } {
  const argv = ['--home', home, ...args];
  const r = spawnSync(process.execPath, as === 'nobody' ? asNobodyArgs(PROGRAM, 'runCli', argv) : [MAIN, ...argv], { encoding: 'utf8', cwd: root });
  return { code: r.status, stderr: r.stderr };
}

function expectSentence(stderr: string): void {
  expect(stderr).toMatch(/^Error: Model Shelf is not allowed to (write to|move|delete) '[^']+' \((EACCES|EPERM)\)\. Check its permissions and try again\.\n$/);
  expect(stderr).not.toContain('unexpected');
  expect(stderr).not.toMatch(/E[A-Z]+: /);
}

describe('errno sentences on a store the user may not change', () => {
  // Read-only by its folders' modes, which bind a non-root owner; root ignores them, so as root
  // the CLI runs as 'nobody', for whom the folders are read-only too.
  it('a read-only store: delete, create, trash restore and trash empty each say which folder is not writable', async () => {
    await setDirModes(home, 0o555);
    for (const args of [['delete', '-y', 't1'], ['create', 't3', path.join(root, 'w.bin')], ['trash', 'restore', trashId], ['trash', 'empty']]) {
      const r = cli(args, 'nobody');
      expect(r.code, args.join(' ')).toBe(1);
      expectSentence(r.stderr);
    }
    expect(cli(['list']).stderr).toBe('');
  });

  it('writable private area, read-only models/ and trash: the rename that fails is named', async () => {
    const priv = path.join(home, '.model-shelf');
    await setDirModes(home, 0o555);
    for (const dir of [priv, path.join(priv, 'locks'), path.join(priv, 'staging')]) await fsp.chmod(dir, 0o777);
    for (const args of [['delete', '-y', 't1'], ['trash', 'restore', trashId], ['trash', 'empty']]) {
      const r = cli(args, 'nobody');
      expect(r.code, args.join(' ')).toBe(1);
      expectSentence(r.stderr);
    }
    expect(await fsp.readdir(path.join(home, 'models', 't1'))).toContain('v1');
    expect(await fsp.readdir(path.join(priv, 'trash'))).toContain(trashId);
  });
});

function inNamespace(script: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', root, home, process.execPath, MAIN], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('models/ on another disk than .model-shelf/', () => {
  it('a models/ mount point: delete and trash refuse with a sentence and keep the version', () => {
    // The store is copied onto a fresh tmpfs mounted over models/.
    const script = `cp -a "$2/models" "$1/seed" && mount -t tmpfs tmpfs "$2/models" && cp -a "$1/seed/." "$2/models/" &&
      "$3" "$4" --home "$2" delete -y t1; echo "rc=$?"; "$3" "$4" --home "$2" delete -y --trash t1; echo "rc=$?"; ls "$2/models/t1"`;
    const r = inNamespace(script);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('rc='))).toEqual(['rc=1', 'rc=1']);
    expect(r.stdout).toContain('v1');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`Error: Model 't1:v1' was not deleted: its folder is on another disk than ${path.join(home, '.model-shelf')}, and there is no place on that disk outside models/ to move it to first. Make ${path.join(home, '.model-shelf')} a link to a folder on the models' disk, or delete it with \`bentoml models delete t1:v1\`.`);
    expect(lines[1]).toMatch(/^Error: Model 't1:v1' was not moved to the trash: the trash \(.*\) is on another disk than the model's folder\. Delete it for good instead/);
  });

  it('models/ a link to a folder on another disk: delete works and leaves nothing behind there', () => {
    const script = `mkdir "$1/disk" && mount -t tmpfs tmpfs "$1/disk" && cp -a "$2/models" "$1/disk/models" && rm -r "$2/models" &&
      ln -s "$1/disk/models" "$2/models" && "$3" "$4" --home "$2" delete -y t1; echo "rc=$?"; ls -A "$1/disk"; ls -A "$1/disk/models"`;
    const r = inNamespace(script);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toEqual(['Model(tag="t1:v1") deleted.', 'rc=0', 'models']);
  });
});
