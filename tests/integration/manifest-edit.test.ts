import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFrom } from './dedup-fixtures.ts';
import { tempStore, type TempStore } from './fixtures/temp-store.ts';

// A label or metadata edit rewrites model.yaml; the version's manifest follows in the same
// locked step (edit/model-yaml-rewritten.ts), so verify never reports an edit, or its undo, as
// damage, while a change made behind Model Shelf's back is still reported.

const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

function cli(home: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, '--home', home, ...args], { env: { ...process.env, BENTOML_HOME: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await createFrom(t.store, t.src, 'm:v1', { 'w.bin': 'weights' });
});
afterEach(async () => {
  await t.cleanup();
});

describe('manifest after label and metadata edits', () => {
  it('stays true through an edit and its undo; a change behind our back is still reported', async () => {
    const edit = await cli(t.home, ['label', 'm:v1', '--set', 'stage=prod']);
    expect(edit.code, edit.stderr).toBe(0);
    expect((await cli(t.home, ['verify', 'm:v1'])).code).toBe(0);
    const meta = await cli(t.home, ['metadata', 'm:v1', '--set', 'acc=0.9']);
    expect(meta.code, meta.stderr).toBe(0);
    const after = await cli(t.home, ['verify', 'm:v1', '--json']);
    expect(after.code, after.stdout).toBe(0);
    expect((JSON.parse(after.stdout) as { versions: { state: string; atSave: boolean }[] }).versions[0]).toMatchObject({ state: 'intact', atSave: true });
    // Undo puts the old model.yaml back through the same rewrite.
    const entries = await t.store.listTrash();
    await t.store.restore(entries.map((e) => e.id));
    expect(await fsp.readFile(path.join(t.home, 'models', 'm', 'v1', 'model.yaml'), 'utf8')).not.toContain('stage');
    expect((await cli(t.home, ['verify', 'm:v1'])).code).toBe(0);
    await fsp.appendFile(path.join(t.home, 'models', 'm', 'v1', 'model.yaml'), '# hand edit\n');
    const hand = await cli(t.home, ['verify', 'm:v1']);
    expect(hand.code).toBe(3);
    expect(hand.stdout).toContain('  changed:  model.yaml\n');
  });
});
