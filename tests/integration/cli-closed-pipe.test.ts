import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `model-shelf list | head -1`: the reader goes away before the CLI has printed. The command must
// not end with a stack trace (an unhandled EPIPE), and a command that changes the store must
// still finish its work rather than die half-way because nobody reads what it prints.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

interface Run {
  code: number | null;
  stderr: string;
}

/** Runs the CLI with its stdout a pipe whose reading end is closed before the CLI starts. */
function runWithClosedStdout(home: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, '--home', home, ...args], {
      env: { ...process.env, BENTOML_HOME: '' },
      cwd: os.tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let root: string;
let home: string;
beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-pipe-'));
  home = path.join(root, 'home');
  await fsp.mkdir(path.join(home, 'models'), { recursive: true });
  await fsp.writeFile(path.join(root, 'model.pkl'), 'weights');
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

describe('a reader that goes away', () => {
  it('create still saves the model, and says nothing of the closed pipe', async () => {
    const run = await runWithClosedStdout(home, ['create', 'iris:v1', path.join(root, 'model.pkl')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const yaml = await fsp.readFile(path.join(home, 'models', 'iris', 'v1', 'model.yaml'), 'utf8');
    expect(yaml).toContain("name: 'iris'");
    expect(await fsp.readFile(path.join(home, 'models', 'iris', 'v1', 'model.pkl'), 'utf8')).toBe('weights');
  });

  it.each(['list', 'list --json', 'list iris --json', 'get iris:v1'])('%s ends quietly with its own status', async (command) => {
    const args = command.split(' ');
    const run = await runWithClosedStdout(home, args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
