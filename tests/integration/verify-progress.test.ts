import { PassThrough } from 'node:stream';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { duplicateStore } from './dedup-fixtures.ts';
import { tempStore, type TempStore } from './fixtures/temp-store.ts';

// verify and dedup draw a progress bar on stderr when it is a terminal (and nothing when it is
// not), cleared at the end so that only their report remains.

function stream(tty: boolean): PassThrough & { text: () => string } {
  const s = new PassThrough() as PassThrough & { text: () => string; isTTY: boolean };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.isTTY = tty;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

async function cli(home: string, args: string[], tty: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const [stdout, stderr] = [stream(false), stream(tty)];
  const io = { stdin: stream(false), stdout, stderr, env: {}, cwd: path.dirname(home) } as unknown as Parameters<typeof runCli>[1];
  const code = await runCli(['--home', home, ...args], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await duplicateStore(t.store, t.src);
});
afterEach(async () => {
  await t.cleanup();
});

describe('progress on a terminal', () => {
  it('verify draws its bar on a terminal, clears it, and draws nothing into a pipe', async () => {
    const tty = await cli(t.home, ['verify'], true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('verify hashing [');
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    const piped = await cli(t.home, ['verify'], false);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(tty.stdout);
  });

  it('dedup shows hashing then linking, and clears the bar', async () => {
    const r = await cli(t.home, ['dedup'], true);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dedup hashing [');
    expect(r.stderr).toContain('dedup linking [');
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
});
