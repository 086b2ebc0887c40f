import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { progressBar } from '../../src-main/cli/progress-bar.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';

function fakeStream(isTTY: boolean): PassThrough & { isTTY: boolean; text: () => string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; text: () => string };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.isTTY = isTTY;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

let root: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-tty-'));
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

async function run(args: string[], answer?: string, whileAsking?: () => Promise<void>) {
  const stdin = fakeStream(answer !== undefined);
  const stdout = fakeStream(false);
  const stderr = fakeStream(answer !== undefined);
  const answering: Promise<void>[] = [];
  if (answer !== undefined) {
    stderr.on('data', (c: Buffer) => {
      if (!c.toString().includes('[y/N]')) return;
      answering.push((whileAsking ?? (() => Promise.resolve()))().then(() => void stdin.write(`${answer}\n`)));
    });
  }
  const io = { stdin, stdout, stderr, env: {}, cwd: root } as unknown as Parameters<typeof runCli>[1];
  const code = await runCli(['--home', path.join(root, 'home'), ...args], io);
  await Promise.all(answering);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('delete on a terminal', () => {
  it('asks, and deletes only after a yes', async () => {
    await fsp.writeFile(path.join(root, 'w.bin'), 'weights');
    expect((await run(['create', 'clf:v1', path.join(root, 'w.bin')])).stdout).toBe('clf:v1\n');
    const no = await run(['delete', 'clf:v1'], 'n');
    expect(no.code).toBe(0);
    expect(no.stderr).toMatch(/Delete for good 1 version\(s\), .*: clf:v1\? \[y\/N\]/);
    expect(no.stderr).toContain('Nothing was deleted.');
    expect(await fsp.stat(path.join(root, 'home', 'models', 'clf', 'v1')).then(() => true)).toBe(true);
    const yes = await run(['delete', 'clf:v1'], 'y');
    expect(yes.code).toBe(0);
    expect(yes.stdout).toBe('Model(tag="clf:v1") deleted.\n');
    await expect(fsp.stat(path.join(root, 'home', 'models', 'clf'))).rejects.toThrow();
  });
});

describe('delete confirms exactly what it deletes', () => {
  const saveVersion = (version: string) => async (): Promise<void> => {
    const store = await ModelStore.open({ home: path.join(root, 'home') });
    const session = await store.begin({ tag: `clf:${version}` });
    await session.add([path.join(root, 'w.bin')]);
    await session.commit();
  };
  const has = (version: string): Promise<boolean> => fsp.stat(path.join(root, 'home', 'models', 'clf', version)).then(() => true, () => false);

  it.each([['clf'], ['clf:latest'], ['clf:v']])('a version saved while `delete %s` waits for the answer is kept', async (target) => {
    await fsp.writeFile(path.join(root, 'w.bin'), 'weights');
    await saveVersion('v1')();
    const yes = await run(['delete', target], 'y', saveVersion('v2'));
    expect(yes.stderr).toMatch(/Delete for good 1 version\(s\), .*: clf:v1\? \[y\/N\]/);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toBe('Model(tag="clf:v1") deleted.\n');
    expect(await has('v1')).toBe(false);
    expect(await has('v2')).toBe(true);
    expect(await fsp.readFile(path.join(root, 'home', 'models', 'clf', 'latest'), 'utf8')).toBe('v2');
  });
});

describe('progress bar', () => {
  it('draws on a terminal and clears itself at the end', () => {
    const tty = fakeStream(true);
    const bar = progressBar(tty as unknown as NodeJS.WriteStream, 'clf:v1');
    bar.onProgress({ id: 'x', phase: 'compressing', bytesDone: 512, bytesTotal: 1024 });
    bar.onProgress({ id: 'x', phase: 'done', bytesDone: 1024, bytesTotal: 1024 });
    expect(tty.text()).toContain('clf:v1 compressing [############------------]  50% 512 B / 1.00 KiB');
    expect(tty.text().endsWith('\r\x1b[2K')).toBe(true);
  });
  it('prints nothing when stderr is not a terminal', () => {
    const pipe = fakeStream(false);
    progressBar(pipe as unknown as NodeJS.WriteStream, 'x').onProgress({ id: 'x', phase: 'copying', bytesDone: 1, bytesTotal: 2 });
    expect(pipe.text()).toBe('');
  });
});
