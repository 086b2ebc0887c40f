// A version's recorded manifest that is broken or hostile (issue 12 view 14, adversarial pass):
// a pipe in its place must not hang Compare's channel or the detail view's (opening a FIFO for
// reading blocks until a writer comes, and holds one of libuv's four threads meanwhile); a file
// that is not a manifest (bad JSON, wrong types, deep nesting, repeated paths) or is far too big
// is answered with one sentence, read bounded, and main keeps serving.
import { execFileSync } from 'node:child_process';
import { promises as fsp, readFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readyHarness, type Harness } from './service-helpers.ts';
import { seedVersion } from './watcher-helpers.ts';

const unblock: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  // A pipe some old code still waits on gets a writer, so no thread stays blocked after the test.
  for (const fifo of unblock.splice(0)) await fsp.writeFile(fifo, '', { flag: 'a' }).catch(() => undefined);
});

async function harness(): Promise<{ h: Harness; file: string }> {
  const h = await readyHarness({ beforeReady: (h) => seedVersion(h.models, 'iris', 'v1', new Date(Date.UTC(2025, 0, 1))) });
  const file = path.join(h.home, '.model-shelf', 'manifests', 'iris', 'v1.json');
  await fsp.mkdir(path.dirname(file), { recursive: true });
  return { h, file };
}

/** The channel's answer: the manifest (or null), or its one-sentence refusal. */
async function answer(h: Harness, channel: 'model:manifest' | 'model:integrity'): Promise<string> {
  const r = await h.service.handlers[channel]({ tag: 'iris:v1' });
  return r.ok ? `ok ${JSON.stringify(r.value.manifest)}` : `${r.error.code}: ${r.error.message}`;
}

function processReadBytes(): number {
  const line = readFileSync('/proc/self/io', 'utf8').split('\n').find((l) => l.startsWith('rchar:'));
  return Number(line?.split(':')[1]);
}

const GOOD_ENTRY = { path: 'weights.bin', size: 1, sha256: 'a'.repeat(64) };
const manifest = (files: unknown): string => JSON.stringify({ format: 'model-shelf-manifest/1', tag: 'iris:v1', recordedAt: '2025-01-01T00:00:00Z', recordedBy: 'create', atSave: true, files });

describe('a manifest that is not a regular file', () => {
  it('a pipe (and a link to a device) is refused at once by Compare and counted as none by the detail view', { timeout: 60_000 }, async () => {
    const { h, file } = await harness();
    execFileSync('mkfifo', [file]);
    unblock.push(file);
    const damaged = /^BROKEN_MODEL: The recorded manifest of iris:v1 is not a regular file \(a pipe, socket, device or folder\), so Compare cannot use its hashes; delete .*v1\.json and run `model-shelf verify iris:v1` to record a new one\.$/;
    expect(await answer(h, 'model:manifest')).toMatch(damaged);
    expect(await answer(h, 'model:integrity')).toBe('ok null');
    await fsp.rm(file);
    await fsp.symlink('/dev/zero', file);
    expect(await answer(h, 'model:manifest')).toMatch(damaged);
    await fsp.rm(file);
    await fsp.mkdir(file);
    expect(await answer(h, 'model:manifest')).toMatch(damaged);
  });
});

describe('a manifest that is not one', () => {
  it.each([
    ['cut short', manifest([GOOD_ENTRY]).slice(0, 40)],
    ['null', 'null'],
    ['an array', '[]'],
    ['files not a list', manifest('weights.bin')],
    ['a path that is a number', manifest([{ path: 1, size: 1 }])],
    ['a negative size', manifest([{ path: 'weights.bin', size: -1 }])],
    ['the same path twice', manifest([GOOD_ENTRY, { ...GOOD_ENTRY, size: 2 }])],
    ['nested a million deep', `{"files":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])('%s: one sentence from Compare, none from the detail view', { timeout: 60_000 }, async (_what, content) => {
    const { h, file } = await harness();
    await fsp.writeFile(file, content);
    const said = await answer(h, 'model:manifest');
    expect(said).toBe(`BROKEN_MODEL: The recorded manifest of iris:v1 is damaged or in a format this Model Shelf cannot read, so Compare cannot use its hashes; \`model-shelf verify iris:v1\` records a new one.`);
    expect(await answer(h, 'model:integrity')).toBe('ok null');
  });

  it('a good one next to it is still read', { timeout: 60_000 }, async () => {
    const { h, file } = await harness();
    await fsp.writeFile(file, manifest([GOOD_ENTRY]));
    expect(await answer(h, 'model:manifest')).toMatch(/^ok \{"recordedAt":"2025-01-01T00:00:00Z".*"files":\[\{"path":"weights.bin","size":1,"sha256":"a{64}"\}\]/);
  });
});

describe('a manifest far too big for Compare', () => {
  it('is refused from its size, reading none of it', { timeout: 60_000 }, async () => {
    const { h, file } = await harness();
    const fh = await fsp.open(file, 'w');
    await fh.write(manifest([GOOD_ENTRY]).slice(0, -2));
    await fh.truncate(300 * 1024 * 1024);
    await fh.close();
    const before = processReadBytes();
    expect(await answer(h, 'model:manifest')).toBe(
      'BROKEN_MODEL: The recorded manifest of iris:v1 is 300 MiB, more than the 16 MiB Compare reads, so its hashes are not shown; `model-shelf verify iris:v1` checks the files against it.',
    );
    expect(processReadBytes() - before).toBeLessThan(1024 * 1024);
  });
});

describe('many manifest requests at once', () => {
  it('are all answered, reading one manifest at a time', { timeout: 120_000 }, async () => {
    const { h, file } = await harness();
    await fsp.writeFile(file, manifest(Array.from({ length: 2_000 }, (_, i) => ({ ...GOOD_ENTRY, path: `f${i}.bin` }))));
    let open = 0;
    let most = 0;
    const realOpen = fsPromises.open.bind(fsPromises);
    vi.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof fsPromises.open>) => {
      const fh = await realOpen(...args);
      if (String(args[0]) !== file) return fh;
      open += 1;
      most = Math.max(most, open);
      const close = fh.close.bind(fh);
      fh.close = async () => {
        open -= 1;
        return close();
      };
      return fh;
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => answer(h, 'model:manifest')));
    expect(answers.every((a) => a.startsWith('ok {') && a.includes('"f1999.bin"'))).toBe(true);
    expect(most).toBe(1);
  });
});
