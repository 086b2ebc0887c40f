import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xz } from '@napi-rs/lzma';
import tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/index.ts';
import { writeFiles } from './fixtures/temp-store.ts';

// Ctrl+C on `model-shelf export/import` of a .bentomodel (xz): the CLI runs in a bare node
// process, so nothing else keeps its event loop alive. A cancel that never settles would
// make node exit with 13 (unsettled top-level await) and leave the half-written file behind.
const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

interface Exit {
  code: number | null;
  stderr: string;
}

/** Starts the CLI, sends SIGINT once `ready()` holds (checked every 20 ms), and waits for the exit. */
function interruptWhen(args: string[], ready: () => Promise<boolean>): Promise<Exit> {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, BENTOML_HOME: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  let running = true;
  void exited.then(() => (running = false));
  const poll = async (): Promise<void> => {
    while (running && !(await ready())) await new Promise((r) => setTimeout(r, 20));
    if (running) child.kill('SIGINT');
  };
  return poll().then(() => exited);
}

async function bigFileUnder(dir: string, test: (name: string) => boolean): Promise<boolean> {
  const names = (await fsp.readdir(dir, { recursive: true }).catch(() => [])) as string[];
  for (const name of names.filter(test)) {
    if (((await fsp.stat(path.join(dir, name)).catch(() => null))?.size ?? 0) > 0) return true;
  }
  return false;
}

/**
 * A .bentomodel whose `w.bin` holds `mib` MiB of zeros, built from concatenated xz streams
 * (valid xz, which BentoML's lzma module reads too) so it is tiny and quick to make, yet takes
 * a while to unpack.
 */
async function zeroFilledBentomodel(file: string, mib: number): Promise<void> {
  const yaml = `name: zeros\nversion: v1\nmodule: ''\nlabels: {}\noptions: {}\nmetadata: {}\ncontext:\n  framework_name: ''\n  framework_versions: {}\n  bentoml_version: 1.4.38\n  python_version: 3.11.7\nsignatures: {}\napi_version: v1\ncreation_time: '2025-01-01T00:00:00.000000+00:00'\n`;
  const pack = tar.pack();
  const head: Buffer[] = [];
  pack.on('data', (c: unknown) => head.push(c as Buffer));
  await new Promise<void>((resolve, reject) => pack.entry({ name: './', type: 'directory' }, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve, reject) => pack.entry({ name: './model.yaml' }, yaml, (e) => (e ? reject(e) : resolve())));
  pack.entry({ name: './w.bin', size: mib * 1024 * 1024 }); // header only: the data is the zeros below
  await new Promise((r) => setImmediate(r));
  const oneMiB = await xz.compress(Buffer.alloc(1024 * 1024));
  // The file's zeros are followed by the tar end marker (1024 zero bytes).
  const parts = [await xz.compress(Buffer.concat(head)), ...Array.from({ length: mib }, () => oneMiB), await xz.compress(Buffer.alloc(1024))];
  await fsp.writeFile(file, Buffer.concat(parts));
}

let root: string;
let home: string;
let out: string;
beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-abort-'));
  home = path.join(root, 'home');
  out = path.join(root, 'out');
  await fsp.mkdir(out);
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

describe('Ctrl+C during an xz transfer in a bare CLI process', () => {
  it('export: exits 1 with the cancel message and leaves no partial archive', async () => {
    // Random bytes do not compress, so the xz export takes many seconds: SIGINT lands mid-stream.
    await writeFiles(path.join(root, 'src'), { 'w.bin': randomBytes(64 * 1024 * 1024) });
    const store = await ModelStore.open({ home });
    const session = await store.begin({ tag: 'big' });
    await session.add([path.join(root, 'src', 'w.bin')]);
    const version = await session.commit();

    const exit = await interruptWhen(['--home', home, 'export', version.tag, `${out}/`], () => bigFileUnder(out, (n) => n.endsWith('.partial')));
    expect(exit.stderr).toContain('Interrupted; no archive was written.');
    expect(exit.code).toBe(1);
    expect(await fsp.readdir(out)).toEqual([]);
  });

  it('import: exits 1 with the cancel message, and the store keeps no model and no staging', async () => {
    const file = path.join(out, 'zeros.bentomodel');
    await zeroFilledBentomodel(file, 1024);
    const staging = path.join(home, '.model-shelf', 'staging');

    const exit = await interruptWhen(['--home', home, 'import', file], () => bigFileUnder(staging, (n) => n.endsWith('w.bin')));
    expect(exit.stderr).toContain('Interrupted; nothing was added to the store.');
    expect(exit.code).toBe(1);
    expect(await fsp.readdir(path.join(home, 'models'))).toEqual([]);
    expect(await fsp.readdir(staging)).toEqual([]);
  });
});
