import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { tempStore, treeListing, type TempStore } from './fixtures/temp-store.ts';

// A KEY=VALUE option given twice with the same key is refused by every command that takes them
// (parse-pairs.ts collectPair): one sentence, exit 2, nothing written. `create --label a=1
// --label a=2` used to keep a=2 silently, and `list --label a=1 --label a=2` filtered by a=2.

let t: TempStore;
beforeAll(async () => {
  t = await tempStore();
  await fsp.writeFile(path.join(t.src, 'w.bin'), 'weights');
  expect((await cli(['create', 'iris_clf:v1', path.join(t.src, 'w.bin'), '--label', 'stage=dev'])).code).toBe(0);
});
afterAll(async () => {
  await t.cleanup();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io = { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: t.home } as unknown as Parameters<typeof runCli>[1];
  const code = await runCli(['--home', t.home, ...args], io);
  stdout.end();
  stderr.end();
  return { code, stdout: String(stdout.read() ?? ''), stderr: String(stderr.read() ?? '') };
}

describe('a key given twice', () => {
  const file = (): string => path.join(t.src, 'w.bin');
  const cases: { what: string; args: () => string[]; option: string; second: string; first: string }[] = [
    { what: 'create --label', args: () => ['create', 'iris_clf:v2', file(), '--label', 'a=1', '--label', 'a=2'], option: '--label <key=value>', first: 'a=1', second: 'a=2' },
    { what: 'create --label, same value', args: () => ['create', 'iris_clf:v2', file(), '--label', 'a=1', '--label', 'a=1'], option: '--label <key=value>', first: 'a=1', second: 'a=1' },
    { what: 'create --metadata', args: () => ['create', 'iris_clf:v2', file(), '--metadata', 'acc=0.9', '--metadata', 'acc=0.8'], option: '--metadata <key=value>', first: 'acc=0.9', second: 'acc=0.8' },
    { what: 'list --label', args: () => ['list', '--label', 'stage=dev', '--label', 'stage=prod'], option: '--label <key=value>', first: 'stage=dev', second: 'stage=prod' },
    { what: 'label --set', args: () => ['label', 'iris_clf:v1', '--set', 'stage=a', '--set', 'stage=b'], option: '--set <key=value>', first: 'stage=a', second: 'stage=b' },
    { what: 'metadata --set', args: () => ['metadata', 'iris_clf:v1', '--set', 'n=1', '--set', 'n=2'], option: '--set <key=json>', first: 'n=1', second: 'n=2' },
    { what: 'promote --label', args: () => ['promote', 'iris_clf:v1', '--label', 'stage=a', '--label', 'stage=b'], option: '--label <key=value>', first: 'stage=a', second: 'stage=b' },
  ];
  it.each(cases)('$what: one sentence, exit 2, nothing written', async ({ args, option, first, second }) => {
    const before = await treeListing(t.home);
    const r = await cli(args());
    expect(r.code).toBe(2);
    const key = first.split('=')[0] ?? '';
    expect(r.stderr.split('\n')[0]).toBe(`error: option '${option}' argument '${second}' is invalid. The key '${key}' is given twice (${first} and ${second}); give each key once.`);
    expect(r.stdout).toBe('');
    expect(await treeListing(t.home)).toEqual(before);
  });

  it('different keys are still taken, in order', async () => {
    const r = await cli(['create', 'iris_clf:v3', file(), '--label', 'a=1', '--label', 'b=2', '--metadata', 'x=1', '--metadata', 'y="t"']);
    expect(r.code, r.stderr).toBe(0);
    const got = await cli(['list', 'iris_clf', '--json', '--label', 'a=1', '--label', 'b=2']);
    const rows = JSON.parse(got.stdout) as { tag: string; labels: Record<string, string>; metadata: Record<string, unknown> }[];
    expect(rows.map((row) => [row.tag, row.labels, row.metadata])).toEqual([['iris_clf:v3', { a: '1', b: '2' }, { x: 1, y: 't' }]]);
  });
});
