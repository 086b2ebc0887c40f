import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { toErrorInfo } from '../../src-main/ipc/error-mapping.ts';
import type { ProgressEvent } from '../../src-main/shared/model-types.ts';
import type { CreateSession } from '../../src-main/store/create/create-session.ts';
import { CHUNKED_MIN } from '../../src-main/store/create/copy-file.ts';
import { describeError } from '../../src-renderer/state/error-words.ts';
import { bentomlVersion, tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// Issue 8 item 5: a source another program writes to while Model Shelf copies (or links) it is
// refused with one sentence and nothing is saved; the copy never follows a file as it grows.
// The change is made by a real child process. To be independent of timing, the deterministic
// cases make it at a fixed point: synchronously inside the first progress event of the copy,
// which comes after the plan (the sizes are taken) and before the copy is checked.

const CHILD = fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

const childSync = (...args: string[]): void => {
  execFileSync(process.execPath, [CHILD, ...args], { stdio: 'ignore' });
};

const changedSentence = (file: string, verb: 'copied' | 'moved'): string =>
  `'${file}' changed while it was being ${verb}; nothing was saved: try again once the program writing it has finished.`;

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  delete process.env.MODEL_SHELF_COPY_ENGINE;
  await t.cleanup();
});

/** Runs `change` (once) at the `at`-th 'copying' progress event of the add. */
async function addWhile(session: CreateSession, srcs: string[], mode: 'copy' | 'move', change: () => void, at = 1): Promise<unknown> {
  let seen = 0;
  let done = false;
  const onProgress = (e: ProgressEvent): void => {
    if (done || e.phase !== 'copying' || ++seen < at) return;
    done = true;
    change();
  };
  const error = await session.add(srcs, { mode, onProgress }).then(() => null, (e: unknown) => e);
  expect(done).toBe(true);
  return error;
}

/** Nothing of the refused add is staged, and after the abort nothing is in the store. */
async function expectNothingSaved(session: CreateSession): Promise<void> {
  expect(await treeListing(session.stagingDir)).toEqual([]);
  await session.abort();
  expect(await fsp.readdir(path.join(t.home, 'models'))).toEqual([]);
  expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
}

async function bigFile(file: string, bytes: number): Promise<Buffer> {
  const content = Buffer.alloc(bytes, 0x11);
  randomBytes(4096).copy(content, 0);
  await fsp.writeFile(file, content);
  return content;
}

describe('a file that changes while it is copied', () => {
  it.each([
    { label: 'a small file (one kernel copy)', size: 4096, engine: 'cp' },
    { label: `a big file copied by the system cp (>= ${CHUNKED_MIN / 2 ** 20} MiB)`, size: CHUNKED_MIN + 1, engine: 'cp' },
    { label: 'a big file copied by Node in chunks', size: CHUNKED_MIN + 1, engine: 'node' },
  ])('$label is refused and nothing is saved', async ({ size, engine }) => {
    if (engine === 'node') process.env.MODEL_SHELF_COPY_ENGINE = 'node';
    const file = path.join(t.src, 'weights.bin');
    const original = await bigFile(file, size);
    const session = await t.store.begin({ tag: 'm' });
    const error = await addWhile(session, [file], 'copy', () => childSync('once', file, '10'));
    expect(error).toMatchObject({ code: 'BUSY', message: changedSentence(file, 'copied') });
    // The window's headline names what happened to the files, not a model being written.
    expect(describeError(toErrorInfo('models:create', error)).headline).toBe('Another program is changing these files right now.');
    await expectNothingSaved(session);
    // The source is the other program's: left exactly as it wrote it.
    const now = await fsp.readFile(file);
    expect(now.length).toBe(size + 10);
    expect(now.subarray(0, size).equals(original)).toBe(true);
  });

  it('in move mode, a file changed after it was linked is refused and stays where it was', async () => {
    const file = path.join(t.src, 'weights.bin');
    await bigFile(file, 5000);
    const session = await t.store.begin({ tag: 'm' });
    const error = await addWhile(session, [file], 'move', () => childSync('once', file, '7'));
    expect(error).toMatchObject({ code: 'BUSY', message: changedSentence(file, 'moved') });
    await expectNothingSaved(session);
    expect((await fsp.stat(file)).size).toBe(5007);
  });

  it('in move mode, a file changed between the add and the commit is refused at the commit', async () => {
    await writeFiles(t.src, { 'out/a.bin': 'AAAA', 'out/b.bin': 'BBBB' });
    const session = await t.store.begin({ tag: 'm' });
    await session.add([path.join(t.src, 'out')], { mode: 'move', root: true });
    // The staged a.bin is a hard link to the source: the other program writes into both.
    childSync('once', path.join(t.src, 'out', 'a.bin'), '3');
    const error = await session.commit().then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'BUSY', message: changedSentence(path.join(t.src, 'out', 'a.bin'), 'moved') });
    expect(await fsp.readdir(path.join(t.home, 'models'))).toEqual([]);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
    // Both sources are still there, b.bin untouched, a.bin as the other program left it.
    expect(await treeListing(path.join(t.src, 'out'))).toEqual([
      expect.stringMatching(/^a\.bin 7 /),
      expect.stringMatching(/^b\.bin 4 /),
    ]);
  });

  it('a folder import whose artifact changes during the copy is refused', async () => {
    await bentomlVersion(t.src, 'imp', 'v1', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'weights' });
    const dir = path.join(t.src, 'models', 'imp', 'v1');
    let done = false;
    const error = await t.store
      .import(dir, {
        onProgress: (e) => {
          if (done || e.phase !== 'copying') return;
          done = true;
          childSync('once', path.join(dir, 'w.bin'), '1');
        },
      })
      .then(() => null, (e: unknown) => e);
    expect(done).toBe(true);
    expect(error).toMatchObject({ code: 'BUSY', message: changedSentence(path.join(dir, 'w.bin'), 'copied') });
    expect(await fsp.readdir(path.join(t.home, 'models'))).toEqual([]);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});

describe('a folder that gains or loses files while it is copied', () => {
  // The plan is sorted: a.bin, b.bin, c.bin; each copied file is one progress event, sent after
  // its bytes and before its check.
  it.each([
    { label: 'a new file appears', change: (dir: string) => childSync('add', path.join(dir, 'new.bin')), at: 1, blamed: '' },
    { label: 'a file not yet copied is removed', change: (dir: string) => childSync('remove', path.join(dir, 'c.bin')), at: 1, blamed: 'c.bin' },
    { label: 'the file being copied is removed', change: (dir: string) => childSync('remove', path.join(dir, 'a.bin')), at: 1, blamed: 'a.bin' },
    { label: 'a file already copied is removed', change: (dir: string) => childSync('remove', path.join(dir, 'a.bin')), at: 2, blamed: '' },
  ])('$label: refused, nothing saved', async ({ change, at, blamed }) => {
    const dir = path.join(t.src, 'out');
    await writeFiles(dir, { 'a.bin': 'A', 'b.bin': 'B', 'c.bin': 'C' });
    const session = await t.store.begin({ tag: 'm' });
    const error = await addWhile(session, [dir], 'copy', () => change(dir), at);
    expect(error).toMatchObject({ code: 'BUSY', message: changedSentence(blamed === '' ? dir : path.join(dir, blamed), 'copied') });
    await expectNothingSaved(session);
  });
});

function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (seen.split('\n').includes(line)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`the writer exited before printing '${line}': ${seen}`)));
  });
}

/** A writer that keeps appending until the stop file appears (or its bound is reached). */
function grower(file: string, stop: string, opts: { chunks: number; chunkBytes: number; pauseMs: number; wait: boolean }): { child: ChildProcess; exited: Promise<string> } {
  const args = [CHILD, 'grow', file, stop, String(opts.chunks), String(opts.chunkBytes), String(opts.pauseMs), ...(opts.wait ? ['wait'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  onTestFinished(async () => {
    await fsp.writeFile(stop, '').catch(() => undefined);
    child.stdin.end();
    await exited;
  });
  return { child, exited };
}

describe('a file that keeps growing during a create', () => {
  it('the copy by the system cp never follows it: exactly what the plan saw, or the refusal', async () => {
    const file = path.join(t.src, 'log.bin');
    const stop = path.join(t.src, 'stop');
    const original = await bigFile(file, CHUNKED_MIN + 4096);
    // Bounded (256 MiB at most), so it stops by itself even if nobody stops it.
    const writer = grower(file, stop, { chunks: 256, chunkBytes: 1024 * 1024, pauseMs: 0, wait: true });
    await waitForLine(writer.child, 'ready');
    const session = await t.store.begin({ tag: 'grow' });
    // The plan has been made when the copy starts: from then on the writer appends as fast as it can.
    const error = await addWhile(session, [file], 'copy', () => writer.child.stdin?.write('go\n'));
    const committed = error === null ? await session.commit() : null;
    await fsp.writeFile(stop, '');
    expect(await writer.exited).toMatch(/stopped \d+/);
    if (committed === null) {
      expect(error).toMatchObject({ code: 'BUSY', message: changedSentence(file, 'copied') });
      await expectNothingSaved(session);
    } else {
      // The writer had not appended yet when the copy was checked: the planned bytes, no more.
      expect((await fsp.readFile(path.join(committed.path, 'log.bin'))).equals(original)).toBe(true);
    }
  });

  it('model-shelf create with a writer running from before to after it: the refusal or an exact prefix', async () => {
    const file = path.join(t.src, 'log.bin');
    const stop = path.join(t.src, 'stop');
    await bigFile(file, CHUNKED_MIN);
    // 256 KiB every 5 ms: still writing while the CLI starts, plans and copies; at most 1,500 chunks.
    const writer = grower(file, stop, { chunks: 1500, chunkBytes: 256 * 1024, pauseMs: 5, wait: false });
    await waitForLine(writer.child, 'started');
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const env = { ...process.env, BENTOML_HOME: '' };
      const cli = spawn(process.execPath, [MAIN, '--home', t.home, 'create', 'grow', file], { env, cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      cli.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      cli.on('exit', (code) => resolve({ code: code ?? 1, stderr }));
    });
    await fsp.writeFile(stop, '');
    await writer.exited;
    const models = await fsp.readdir(path.join(t.home, 'models'));
    if (result.code === 1) {
      expect(result.stderr).toBe(`Error: ${changedSentence(file, 'copied')}\n`);
      expect(models).toEqual([]);
    } else {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const [version] = (await fsp.readdir(path.join(t.home, 'models', 'grow'))).filter((n) => n !== 'latest');
      const stored = await fsp.readFile(path.join(t.home, 'models', 'grow', String(version), 'log.bin'));
      const source = await fsp.readFile(file);
      expect(stored.length).toBeGreaterThanOrEqual(CHUNKED_MIN);
      expect(stored.equals(source.subarray(0, stored.length))).toBe(true);
    }
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});
