import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ownerHost } from '../../src-main/store/paths/owner-id.ts';
import { asNobodyArgs, DROPS_TO_NOBODY } from './fixtures/as-nobody.ts';
import { bentomlVersion, exists, treeListing } from './fixtures/temp-store.ts';

// `model-shelf repair` end to end (issue 8 items 4 and 13): each fix is printed once, and the
// exit code says fsck-style what happened: 0 nothing wrong, 3 everything fixed (dry run: would
// be), 4 something left for you; 1 an error, 2 usage, as for every command.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
const DEAD_PID = 4194305;
// As root the child drops to 'nobody' once loaded (fixtures/as-nobody.ts: wherever Node and the checkout are).
const PROGRAM = fileURLToPath(new URL('../../src-main/cli/program.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], as: 'me' | 'nobody' = 'me'): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, BENTOML_HOME: '', XDG_STATE_HOME: path.join(root, 'state') };
    const argv = ['--home', home, ...args];
    execFile(process.execPath, as === 'nobody' ? asNobodyArgs(PROGRAM, 'runCli', argv) : [MAIN, ...argv], { env, cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let root: string;
let home: string;
const deadStaging = `create-${ownerHost()}-${DEAD_PID}-abcdef`;
const holder = `.model-shelf-deleting-${ownerHost()}-${DEAD_PID}-abcdef`;

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-repair-cli-'));
  await fsp.chmod(root, 0o755);
  home = path.join(root, 'home');
  await bentomlVersion(home, 'm', 'v1', '2025-01-01T00:00:00.000000+00:00');
  await bentomlVersion(home, 'm', 'v2', '2025-02-01T00:00:00.000000+00:00');
  await fsp.writeFile(path.join(home, 'models', 'm', 'latest'), 'gone');
  await fsp.mkdir(path.join(home, '.model-shelf', 'staging', deadStaging), { recursive: true });
  await fsp.writeFile(path.join(home, '.model-shelf', 'staging', deadStaging, 'w.bin'), 'x');
  await fsp.mkdir(path.join(home, holder, 'version'), { recursive: true });
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

const FIXABLE = [
  // The scan's own wording of a stale pointer is not what this test is about.
  expect.stringMatching(/^- models\/m\/latest points at 'gone'/) as unknown as string,
  `- .model-shelf/staging/${deadStaging} was left behind by a Model Shelf process that is no longer running (an interrupted create).`,
  `- ${holder} holds a version that a delete was removing when it stopped; it was left by a Model Shelf process (pid ${DEAD_PID}) that is no longer running.`,
];

describe('model-shelf repair', () => {
  it('exits 0 when nothing is wrong', async () => {
    await fsp.writeFile(path.join(home, 'models', 'm', 'latest'), 'v2');
    await fsp.rm(path.join(home, '.model-shelf'), { recursive: true });
    await fsp.rm(path.join(home, holder), { recursive: true });
    const r = await cli(['repair']);
    expect(r).toEqual({ code: 0, stdout: `No problems found in ${home}.\n`, stderr: '' });
  });

  it('--dry-run says what it would fix and exits 3, changing nothing', async () => {
    const before = await treeListing(home);
    const r = await cli(['repair', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(r.stdout.split('\n')).toEqual([
      FIXABLE[0],
      '  would fix: Point it at v2, the version with the newest creation_time.',
      FIXABLE[1],
      '  would fix: Remove it; it never became part of the store.',
      FIXABLE[2],
      '  would fix: Remove it; that version had already left the store.',
      'Found 3 problems; `model-shelf repair` fixes all of them.',
      '',
    ]);
    expect(await treeListing(home)).toEqual(before);
  });

  it('prints each fix once, exits 3 when it fixed everything, then 0', async () => {
    const r = await cli(['repair']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(r.stdout.split('\n')).toEqual([
      FIXABLE[0],
      '  fixed: m/latest now points at v2.',
      FIXABLE[1],
      `  fixed: Removed .model-shelf/staging/${deadStaging}.`,
      FIXABLE[2],
      `  fixed: Removed ${holder}.`,
      'Fixed 3 problems.',
      '',
    ]);
    expect(await fsp.readFile(path.join(home, 'models', 'm', 'latest'), 'utf8')).toBe('v2');
    expect(await exists(path.join(home, holder))).toBe(false);
    expect(await fsp.readdir(path.join(home, '.model-shelf', 'staging'))).toEqual([]);
    expect(await cli(['repair'])).toEqual({ code: 0, stdout: `No problems found in ${home}.\n`, stderr: '' });
  });

  it('exits 4 when something is left for you, with and without --dry-run, and says what to do', async () => {
    await fsp.mkdir(path.join(home, 'models', 'm', 'half'));
    const left = [
      '- models/m/half has no model.yaml: another program may still be writing it, or it was interrupted.',
      '  left for you: Once no program is still writing it, delete it with `model-shelf delete m:half`.',
    ];
    const dry = await cli(['repair', '--dry-run']);
    expect(dry.code).toBe(4);
    expect(dry.stdout).toContain(`${left[1]}\n`);
    expect(dry.stdout.trimEnd().split('\n').at(-1)).toBe('Found 4 problems: `model-shelf repair` fixes 3, 1 is left for you.');

    const r = await cli(['repair']);
    expect(r.code).toBe(4);
    expect(r.stdout.match(/^ {2}fixed: /gm)).toHaveLength(3);
    expect(r.stdout).not.toMatch(/^Fixed: /m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Fixed 3 problems; 1 problem left for you (see above).');

    const again = await cli(['repair']);
    expect(again.code).toBe(4);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('1 problem left for you (see above).');
    expect(again.stdout).toContain(left[1]);
  });

  it.skipIf(!DROPS_TO_NOBODY)('exits 4 and says why when a fix fails (a leftover it may not remove)', async () => {
    // As root the store is root's: 'nobody' may read it but not remove the staging folder.
    await fsp.writeFile(path.join(home, 'models', 'm', 'latest'), 'v2');
    await fsp.rm(path.join(home, holder), { recursive: true });
    for (const dir of [home, path.join(home, '.model-shelf'), path.join(home, '.model-shelf', 'staging')]) await fsp.chmod(dir, 0o755);
    const r = await cli(['repair'], 'nobody');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(4);
    expect(r.stdout).toBe(
      `${FIXABLE[1]}\n  left for you: Repair could not fix it: Model Shelf is not allowed to delete '${path.join(home, '.model-shelf', 'staging', deadStaging)}' (EACCES). Check its permissions and try again.\n1 problem left for you (see above).\n`,
    );
    expect(await exists(path.join(home, '.model-shelf', 'staging', deadStaging))).toBe(true);
  });

  it('exits 1 with a sentence on an error and 2 on a usage error', async () => {
    await fsp.rm(home, { recursive: true });
    await fsp.writeFile(home, 'not a folder');
    const broken = await cli(['repair']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Error: [^\n]+\.\n$/);
    const usage = await cli(['repair', '--bogus']);
    expect(usage.code).toBe(2);
  });
});
