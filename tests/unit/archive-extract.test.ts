import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { extractEntries } from '../../src-main/store/import/archive-extract.ts';
import type { RawEntry } from '../../src-main/store/archive/archive-readers.ts';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-extract-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function file(name: string, content: string, declared = content.length): RawEntry {
  return { name, type: 'file', typeLabel: 'file', size: declared, mode: 0o4755, data: () => Promise.resolve(Readable.from([Buffer.from(content)])) };
}

/** The members as the async stream of entries an archive reader yields. */
function entries(list: RawEntry[]): AsyncIterable<RawEntry> {
  return ReadableStream.from(list);
}

it('refuses an archive whose declared sizes exceed the byte budget (a tar-bomb guard) before writing it', async () => {
  const err = await extractEntries(entries([file('a', 'x'.repeat(10)), file('b', 'never read', 1e15)]), dir, { byteBudget: 1000 }).catch((e: unknown) => e);
  expect((err as { code: string }).code).toBe('NO_SPACE');
  expect(await fsp.readdir(dir)).toEqual(['a']);
});

it('refuses a member shorter than its header says', async () => {
  const err = await extractEntries(entries([file('a', 'abc', 10)]), dir, { byteBudget: 1e9 }).catch((e: unknown) => e);
  expect((err as Error).message).toMatch(/'a' is shorter than its header says \(3 of 10 bytes\)/);
});

it('drops setuid bits and keeps permission bits', async () => {
  await extractEntries(entries([file('sub/run.sh', '#!/bin/sh\n')]), dir, { byteBudget: 1e9 });
  const st = await fsp.stat(path.join(dir, 'sub', 'run.sh'));
  expect(st.mode & 0o7777).toBe(0o755);
});

it('refuses a file and a folder with the same name', async () => {
  const folder: RawEntry = { name: 'a/', type: 'directory', typeLabel: 'directory', size: 0, mode: 0o755, data: () => Promise.resolve(Readable.from([])) };
  const err = await extractEntries(entries([file('a', 'x'), folder]), dir, { byteBudget: 1e9 }).catch((e: unknown) => e);
  expect((err as { code: string }).code).toBe('BAD_ARCHIVE');
});
