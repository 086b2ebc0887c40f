import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What the CLI says, word for word, where a new user first meets it (issue 8, item 13).

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(home: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, '--home', home, ...args], { env: { ...process.env, BENTOML_HOME: '', ...env }, cwd: os.tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let root: string;
let file: string;
beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-words-'));
  file = path.join(root, 'model.pkl');
  await fsp.writeFile(file, 'weights');
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

async function emptyStore(name: string): Promise<string> {
  const home = path.join(root, name);
  await fsp.mkdir(path.join(home, 'models'), { recursive: true });
  return home;
}

describe('CLI wording', () => {
  it('quotes the tag it refuses, as typed, with the reason', async () => {
    const home = await emptyStore('tags');
    const reason = "a tag's name or version must consist of lowercase alphanumeric characters, '_', '-', or '.', and must start and end with an alphanumeric character";
    const spaced = await cli(home, ['create', 'Iris CLF', file]);
    expect(spaced.code).toBe(1);
    expect(spaced.stderr).toBe(`Error: 'Iris CLF' is not a valid BentoML tag: ${reason}.\n`);
    const twoColons = await cli(home, ['get', 'a:b:c']);
    expect(twoColons.stderr).toBe(`Error: 'a:b:c' is not a valid BentoML tag: ${reason}.\n`);
  });

  it('says that a mixed-case name was saved in lowercase, on stderr, with the tag still last on stdout', async () => {
    const home = await emptyStore('case');
    const made = await cli(home, ['create', 'Iris-CLF', file]);
    expect(made.code).toBe(0);
    expect(made.stderr).toBe("'Iris-CLF' was saved as 'iris-clf' (BentoML tags are lowercase).\n");
    expect(made.stdout).toMatch(/^iris-clf:[a-z2-7]{16}\n$/);
    const withVersion = await cli(home, ['create', 'Iris-CLF:V2', file]);
    expect(withVersion.stderr).toBe("'Iris-CLF:V2' was saved as 'iris-clf:v2' (BentoML tags are lowercase).\n");
    expect(withVersion.stdout).toBe('iris-clf:v2\n');
    expect((await cli(home, ['create', 'lower', file])).stderr).toBe('');
  });

  it('says there are no models instead of printing a bare header', async () => {
    const home = await emptyStore('empty');
    const models = path.join(home, 'models');
    expect(await cli(home, ['list'])).toEqual({ code: 0, stdout: `No models in ${models}.\n`, stderr: '' });
    expect((await cli(home, ['list', '--json'])).stdout).toBe('[]\n');
    await cli(home, ['create', 'iris:v1', file]);
    expect((await cli(home, ['list', '--label', 'stage=prod'])).stdout).toBe(`No models with the label stage=prod in ${models}.\n`);
    expect((await cli(home, ['list', 'iris:v9', '--label', 'a=b', '--label', 'c=d'])).stdout).toBe(`No models named 'iris:v9' with the labels a=b, c=d in ${models}.\n`);
  });

  it('shows trash times in local time like list, and says when the trash is empty', async () => {
    const home = await emptyStore('trash');
    const zone = { TZ: 'Asia/Kolkata' }; // UTC+05:30, so UTC text cannot pass for local time
    expect((await cli(home, ['trash', 'list'], zone)).stdout).toBe(`The trash in ${path.join(home, '.model-shelf', 'trash')} is empty.\n`);
    await cli(home, ['create', 'gone:v1', file]);
    expect((await cli(home, ['delete', 'gone:v1', '--yes', '--trash'])).code).toBe(0);
    const trash = path.join(home, '.model-shelf', 'trash');
    const manifest = (await fsp.readdir(trash)).find((f) => f.endsWith('.json')) as string;
    const { deletedAt } = JSON.parse(await fsp.readFile(path.join(trash, manifest), 'utf8')) as { deletedAt: string };
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(deletedAt));
    const listed = await cli(home, ['trash', 'list'], zone);
    const row = listed.stdout.split('\n')[1] ?? '';
    expect(row).toContain(local);
    expect(row).not.toContain(deletedAt);
  });
});
