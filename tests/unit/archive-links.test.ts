import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractEntries } from '../../src-main/store/import/archive-extract.ts';
import { MAX_LINK_CHAIN } from '../../src-main/store/import/archive-links.ts';
import type { RawEntry } from '../../src-main/store/archive/archive-readers.ts';
import { countWork } from '../../src-main/store/paths/work-count.ts';

// Link members become copies of their target (archive-extract.ts); hostile link layouts must
// neither slip past the byte budget nor take quadratic time. Time is proven by counting the
// links followed (work-count.ts), never by a clock: a busy machine is slow at random.

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-links-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): RawEntry {
  const bytes = Buffer.from(content);
  return { name, type: 'file', typeLabel: 'file', size: bytes.length, mode: 0o644, data: () => Promise.resolve(Readable.from([bytes])) };
}

function link(name: string, linkname: string, type: 'symlink' | 'link' = 'link'): RawEntry {
  return { name, type, typeLabel: type, size: 0, mode: 0o644, linkname, data: () => Promise.resolve(Readable.from([])) };
}

/** The members as the async stream of entries an archive reader yields. */
function entries(list: Iterable<RawEntry>): AsyncIterable<RawEntry> {
  return ReadableStream.from(list);
}

async function failure(list: Iterable<RawEntry>, opts: { byteBudget: number; signal?: AbortSignal; maxMembers?: number }): Promise<{ code: string; message: string }> {
  const err = await extractEntries(entries(list), dir, opts).then(() => null, (e: unknown) => e);
  expect(err, 'extraction should have been refused').toBeInstanceOf(Error);
  return err as { code: string; message: string };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('link copies count against the byte budget (a hardlink bomb)', () => {
  it('refuses 200 hardlinks to one file once their copies exceed the budget, before writing them all', async () => {
    const big = Buffer.alloc(10_000, 1);
    const list = [file('big', big), ...range(200).map((i) => link(`l${i}`, 'big'))];
    const err = await failure(list, { byteBudget: 100_000 });
    expect(err.code).toBe('NO_SPACE');
    expect(err.message).toMatch(/unpacks to more than the 100000 bytes free/);
    // the file itself and at most budget/size copies: nothing like 200 x 10 KB
    expect((await fsp.readdir(dir)).length).toBeLessThanOrEqual(10);
  });

  it('still copies links that fit the budget', async () => {
    await extractEntries(entries([file('big', 'abc'), link('l1', 'big'), link('sub/l2', '../big', 'symlink')]), dir, { byteBudget: 9 });
    expect(await fsp.readFile(path.join(dir, 'l1'), 'utf8')).toBe('abc');
    expect(await fsp.readFile(path.join(dir, 'sub', 'l2'), 'utf8')).toBe('abc');
  });

  it('refuses more than 10,000 link members without copying any', async () => {
    const list = [file('f', 'x'), ...range(10_001).map((i) => link(`l${i}`, 'f'))];
    const err = await failure(list, { byteBudget: 1e12 });
    expect(err.code).toBe('BAD_ARCHIVE');
    expect(err.message).toMatch(/more than 10000 links/);
    expect(await fsp.readdir(dir)).toEqual(['f']);
  });

  it('stops copying links when the import is cancelled', async () => {
    const controller = new AbortController();
    const list = (function* () {
      yield file('f', 'x');
      yield* range(50).map((i) => link(`l${i}`, 'f'));
      controller.abort();
    })();
    const err = await failure(list, { byteBudget: 1e9, signal: controller.signal });
    expect((err as unknown as Error).name).toBe('AbortError');
    expect(await fsp.readdir(dir)).toEqual(['f']);
  });
});

describe('chains of links', () => {
  // s0 -> s1 -> ... -> s{n-1} -> f, listed before f like /tmp/w3/chain.bentomodel
  const chain = (n: number): RawEntry[] => [...range(n).map((i) => link(`s${i}`, i === n - 1 ? 'f' : `s${i + 1}`, 'symlink')), file('f', 'end')];

  it('follows a chain of 40 links', async () => {
    await extractEntries(entries(chain(40)), dir, { byteBudget: 1e9 });
    expect(await fsp.readFile(path.join(dir, 's0'), 'utf8')).toBe('end');
    expect(await fsp.readFile(path.join(dir, 's39'), 'utf8')).toBe('end');
  });

  it('refuses a chain of 3,000 links (like ELOOP) after following at most 40 of them', async () => {
    const err = await failure(chain(3000), { byteBudget: 1e9 });
    expect(err.code).toBe('BAD_ARCHIVE');
    expect(err.message).toBe("The archive member 's0' is a chain of more than 40 links (or a loop of links), so the archive was refused and nothing was imported.");
    // The pass-by-pass resolution this replaced followed every link once per pass: quadratic.
    for (const n of [3_000, 6_000]) {
      const run = await countWork('link-step', () => extractEntries(entries(chain(n)), dir, { byteBudget: 1e9 }));
      expect((run.error as Error).message).toMatch(/'s0' is a chain of more than 40 links/);
      expect(run.steps).toBe(MAX_LINK_CHAIN);
    }
  });

  it('refuses a chain listed from its end after a bounded number of steps, whatever its length', async () => {
    // s{n-1} -> f is resolved first (1 link followed), then s{n-2} (2), ..., s{n-40} (40); the
    // 41st from the end is refused at its 40th link.
    const reversed = (n: number): RawEntry[] => chain(n).reverse();
    const counts: number[] = [];
    for (const n of [3_000, 6_000]) {
      const run = await countWork('link-step', () => extractEntries(entries(reversed(n)), dir, { byteBudget: 1e9 }));
      expect((run.error as Error).message).toMatch(/is a chain of more than 40 links/);
      counts.push(run.steps);
      await fsp.rm(dir, { recursive: true, force: true });
      await fsp.mkdir(dir);
    }
    expect(counts[0]).toBe((MAX_LINK_CHAIN * (MAX_LINK_CHAIN + 1)) / 2 + MAX_LINK_CHAIN);
    expect(counts[1]).toBe(counts[0]);
  });

  it('resolving many accepted links is linear in their number (each chain is at most 40 long)', async () => {
    // `chains` chains of 39 links each ending at its own file: every link is copied.
    const forest = (chains: number): RawEntry[] =>
      range(chains).flatMap((c) => [...range(39).map((i) => link(`c${c}/s${i}`, i === 38 ? 'f' : `s${i + 1}`, 'symlink')), file(`c${c}/f`, 'end')]);
    const counts: number[] = [];
    for (const chains of [3, 6, 12]) {
      const run = await countWork('link-step', () => extractEntries(entries(forest(chains)), dir, { byteBudget: 1e9 }));
      expect(run.error).toBeUndefined();
      expect(await fsp.readFile(path.join(dir, `c${chains - 1}`, 's0'), 'utf8')).toBe('end');
      counts.push(run.steps);
      await fsp.rm(dir, { recursive: true, force: true });
      await fsp.mkdir(dir);
    }
    // A link k steps from its file follows k links: 1 + 2 + ... + 39 per chain.
    expect(counts[0]).toBe(3 * ((39 * 40) / 2));
    expect(counts[1]).toBeLessThanOrEqual(2.2 * counts[0]!);
    expect(counts[2]).toBeLessThanOrEqual(2.2 * counts[1]!);
  });

  it('refuses a loop of links', async () => {
    const err = await failure([file('f', 'x'), link('a', 'b', 'symlink'), link('b', 'a', 'symlink')], { byteBudget: 1e9 });
    expect(err.message).toMatch(/loop of links/);
  });

  it('a hardlink to its own name keeps the file (no self-copy)', async () => {
    await extractEntries(entries([file('a', 'data'), link('a', 'a')]), dir, { byteBudget: 1e9 });
    expect(await fsp.readFile(path.join(dir, 'a'), 'utf8')).toBe('data');
  });

  it('a later file of the same name replaces an earlier link', async () => {
    await extractEntries(entries([file('f', 'x'), link('a', 'f'), file('a', 'own')]), dir, { byteBudget: 1e9 });
    expect(await fsp.readFile(path.join(dir, 'a'), 'utf8')).toBe('own');
  });
});

describe('member count', () => {
  it('refuses an archive with more members than the limit', async () => {
    const list = range(11).map((i) => file(`d/f${i}`, ''));
    const err = await failure(list, { byteBudget: 1e9, maxMembers: 10 });
    expect(err.code).toBe('BAD_ARCHIVE');
    expect(err.message).toBe('The archive holds more than 10 members, far more than a saved model has, so it was refused and nothing was imported.');
  });
});

describe('Windows rules (platform win32)', () => {
  it.each([
    ['a link target with backslashes', [file('f', 'x'), link('l', '..\\..\\outside', 'symlink')], /'l' is a link to '..\\..\\outside', a path Windows could read as outside the archive/],
    ['a member named after a device', [file('sub/NUL.txt', 'x')], /'sub\/NUL.txt' uses 'NUL.txt', a device name reserved by Windows/],
    ['a member ending in a dot', [file('weights.', 'x')], /'weights.' has a name ending in '.'/],
  ])('refuses %s', async (_label, list, words) => {
    const err = await extractEntries(entries(list), dir, { byteBudget: 1e9, platform: 'win32' }).then(() => null, (e: unknown) => e);
    expect((err as { code: string }).code).toBe('UNSAFE_PATH');
    expect((err as Error).message).toMatch(words);
  });
});
