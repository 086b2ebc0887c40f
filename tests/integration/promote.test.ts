// `model-shelf promote TAG --label stage=prod`: the value moves to TAG and leaves every other
// version of the name that carries it, in one command under the name's lock (issue 11 §5).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withNameLock } from '../../src-main/store/index.ts';
import { storePaths } from '../../src-main/store/paths/home.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { cli, editHome, homeSnapshot, plainYaml, seedVersion, treeChanges, type EditHome } from './edit-fixtures.ts';

const homes: EditHome[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => h.cleanup()));
});

/** iris: a (stage=prod, owner=x), b (stage=prod), c (stage=dev), d (no labels, latest); other: o (stage=prod). */
async function promoteHome(): Promise<EditHome> {
  const h = await editHome('promote');
  homes.push(h);
  await seedVersion(h, 'iris', 'a', plainYaml('iris', 'a', 1, { stage: 'prod', owner: 'x' }));
  await seedVersion(h, 'iris', 'b', plainYaml('iris', 'b', 2, { stage: 'prod' }));
  await seedVersion(h, 'iris', 'c', plainYaml('iris', 'c', 3, { stage: 'dev' }));
  await seedVersion(h, 'iris', 'd', plainYaml('iris', 'd', 4), true);
  await seedVersion(h, 'other', 'o', plainYaml('other', 'o', 5, { stage: 'prod' }), true);
  return h;
}

const labelsOf = async (h: EditHome, name: string, version: string): Promise<Record<string, string>> => parseModelYaml(await h.yaml(name, version)).labels;

describe('promote', () => {
  it('sets the value on TAG and removes it from the versions of that name carrying it; other labels, values and names stay', { timeout: 60_000 }, async () => {
    const h = await promoteHome();
    const r = await cli(h.home, ['promote', 'iris', '--label', 'stage=prod']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await labelsOf(h, 'iris', 'd')).toEqual({ stage: 'prod' });
    expect(await labelsOf(h, 'iris', 'a')).toEqual({ owner: 'x' });
    expect(await labelsOf(h, 'iris', 'b')).toEqual({});
    expect(await labelsOf(h, 'iris', 'c')).toEqual({ stage: 'dev' });
    expect(await labelsOf(h, 'other', 'o')).toEqual({ stage: 'prod' });
    const heads = r.stdout.split('\n').filter((l) => !l.startsWith(' ') && l !== '');
    // TAG first, then the others newest first (as `list` orders them).
    expect(heads).toEqual(['iris:d:', 'iris:b:', 'iris:a:']);
    expect(r.stdout).toContain('  set label stage=prod (new)\n');
    expect(r.stdout).toContain('  removed label stage (was prod)\n');
    // Each file changed has its own undo in the trash.
    expect((await cli(h.home, ['trash', 'list'])).stdout.match(/model\.yaml before an edit/g)).toHaveLength(3);
  });

  it('--json lists every version changed; a second run has nothing to change and says so', { timeout: 60_000 }, async () => {
    const h = await promoteHome();
    const r = await cli(h.home, ['promote', 'iris:c', '--label', 'stage=prod', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { tag: string; edits: { tag: string; changes: unknown[]; undo: string }[] };
    expect(out.tag).toBe('iris:c');
    expect(out.edits.map((e) => e.tag)).toEqual(['iris:c', 'iris:b', 'iris:a']);
    expect(out.edits[0]?.changes).toEqual([{ field: 'labels', key: 'stage', before: 'dev', after: 'prod' }]);
    const before = await homeSnapshot(h);
    const again = await cli(h.home, ['promote', 'iris:c', '--label', 'stage=prod']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Error: Nothing to change: 'iris:c' already has stage=prod and no other version of 'iris' does.\n");
    expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
  });

  it('TAG already carrying the value still takes it off the others', { timeout: 60_000 }, async () => {
    const h = await promoteHome();
    const r = await cli(h.home, ['promote', 'iris:a', '--label', 'stage=prod', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { edits: { tag: string }[] }).edits.map((e) => e.tag)).toEqual(['iris:b']);
    expect(await labelsOf(h, 'iris', 'a')).toEqual({ stage: 'prod', owner: 'x' });
  });

  it('waits for another Model Shelf process holding the name, then works on what that process left', { timeout: 60_000 }, async () => {
    const h = await promoteHome();
    const paths = storePaths(h.home);
    let promoted: Promise<{ code: number }> | null = null;
    await withNameLock(paths, 'iris', async () => {
      promoted = cli(h.home, ['promote', 'iris', '--label', 'stage=prod']);
      // While we hold the lock the command cannot have touched anything.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await labelsOf(h, 'iris', 'd')).toEqual({});
      // A version added by the holder meanwhile is seen by the promote.
      await seedVersion(h, 'iris', 'e', plainYaml('iris', 'e', 6, { stage: 'prod' }));
    });
    expect((await (promoted as unknown as Promise<{ code: number }>)).code).toBe(0);
    expect(await labelsOf(h, 'iris', 'd')).toEqual({ stage: 'prod' });
    expect(await labelsOf(h, 'iris', 'e')).toEqual({});
  });

  it('bad input: unknown name, no --label, a bad pair, a version being written; nothing changed', { timeout: 60_000 }, async () => {
    const h = await promoteHome();
    await fsp.mkdir(path.join(h.models, 'iris', 'writing'));
    const before = await homeSnapshot(h);
    const unknown = await cli(h.home, ['promote', 'nope', '--label', 'stage=prod']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: There is no model named 'nope' in /);
    const missing = await cli(h.home, ['promote', 'iris']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--label <key=value>' not specified/);
    const bad = await cli(h.home, ['promote', 'iris', '--label', ' =prod']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('Error: A label key cannot be empty or only spaces; enter a name for it.\n');
    const writing = await cli(h.home, ['promote', 'iris:writing', '--label', 'stage=prod']);
    expect(writing.code).toBe(1);
    expect(writing.stderr).toBe("Error: Model 'iris:writing' is still being written (it has no model.yaml yet), so it was not changed; try again once it is complete.\n");
    expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
  });
});
