// `model-shelf metadata`: values are read as Python's json.loads reads them (the create rule),
// land in model.yaml with PyYAML's types, and everything else in the file stays as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { editModel, storePaths } from '../../src-main/store/index.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { cli, editHome, FOREIGN_YAML, homeSnapshot, seedVersion, treeChanges, type EditHome } from './edit-fixtures.ts';

const V = 'p3qjnmqboovfypbc';
const homes: EditHome[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => h.cleanup()));
});
async function foreignHome(): Promise<EditHome> {
  const h = await editHome('metadata');
  homes.push(h);
  await seedVersion(h, 'iris_clf', V, FOREIGN_YAML, true);
  return h;
}

describe('metadata --set KEY=JSON / --unset KEY', () => {
  it('stores every JSON type with the type Python gives it, keeps the other values and every byte outside metadata', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const sets: [string, string][] = [
      ['int', '42'],
      ['big', '18446744073709551616'],
      ['float', '0.9667'],
      ['whole_float', '1e3'],
      ['neg_zero', '-0.0'],
      ['nan', 'NaN'],
      ['inf', '-Infinity'],
      ['yes', 'true'],
      ['nested', '{"layers": [64, 32.0, {"act": "relu"}], "ok": false}'],
      ['looks_like_number', '"08"'],
      ['looks_like_date', '"2025-03-15"'],
      ['looks_like_bool', '"yes"'],
      ['text', 'plain words'],
      ['unicode', '"Zo\\u00eb \\ud83d\\ude00"'],
      ['long', `"${'long text '.repeat(30)}"`],
      ['__proto__', '1'],
    ];
    const r = await cli(h.home, ['metadata', 'iris_clf', ...sets.flatMap(([k, v]) => ['--set', `${k}=${v}`]), '--unset', 'threshold', '--unset', 'dims']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = await h.yaml('iris_clf', V);
    const start = text.indexOf('metadata:\n');
    // Outside the metadata entry the file is byte for byte what BentoML wrote.
    expect(text.slice(0, start)).toBe(FOREIGN_YAML.slice(0, FOREIGN_YAML.indexOf('metadata:\n')));
    expect(text.slice(text.indexOf('context:\n'))).toBe(FOREIGN_YAML.slice(FOREIGN_YAML.indexOf('context:\n')));
    const metadata = parseModelYaml(text).metadata;
    const before = parseModelYaml(FOREIGN_YAML).metadata;
    expect(Object.keys(metadata)).toEqual([...Object.keys(before).filter((k) => k !== 'threshold' && k !== 'dims'), ...sets.map(([k]) => k)]);
    // Untouched values read as before (the date stays a date, the folded note the same string).
    for (const key of ['trained_at', 'eval_date', 'notes', 'confusion']) expect(metadata[key]).toEqual(before[key]);
    expect(metadata).toMatchObject({
      int: 42,
      big: 18446744073709551616n,
      float: 0.9667,
      whole_float: { $float: '1000.0' },
      neg_zero: { $float: '-0.0' },
      nan: { $float: 'nan' },
      inf: { $float: '-inf' },
      yes: true,
      nested: { layers: [64, { $float: '32.0' }, { act: 'relu' }], ok: false },
      looks_like_number: '08',
      looks_like_date: '2025-03-15',
      looks_like_bool: 'yes',
      text: 'plain words',
      unicode: 'Zoë 😀',
      long: 'long text '.repeat(30),
    });
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toBe(1);
    expect(text).toContain('  nan: .nan\n');
    expect(text).toContain("  looks_like_date: '2025-03-15'\n");
    expect(Buffer.from(text).every((b) => b < 0x80)).toBe(true);
  });

  it('an edit of one metadata entry leaves the others byte for byte: int keys, dates, binary, folded text keep their YAML types', { timeout: 60_000 }, async () => {
    const h = await editHome('metadata-entries');
    homes.push(h);
    const yaml = FOREIGN_YAML.replace('  threshold: 1e3\n', "  threshold: 1e3\n  classes:\n    0: cat\n    1: dog\n  blob: !!binary |\n    AAEC\n  # a comment inside metadata\n");
    await seedVersion(h, 'iris_clf', V, yaml, true);
    const r = await cli(h.home, ['metadata', 'iris_clf', '--set', 'threshold=0.5', '--unset', 'dims', '--set', 'added=[1, 2]']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = yaml
      .replace('  threshold: 1e3\n', '  threshold: 0.5\n')
      .replace('  dims:\n  - 4\n  - 3\n', '  added:\n  - 1\n  - 2\n');
    expect(await h.yaml('iris_clf', V)).toBe(expected);
  });

  it('one edit of both fields: labels written whole where they are `{}`, metadata still entry by entry', { timeout: 60_000 }, async () => {
    const h = await editHome('metadata-mixed');
    homes.push(h);
    const yaml = FOREIGN_YAML.replace(/labels:\n( {2}.*\n)+/, 'labels: {}\n').replace('  threshold: 1e3\n', '  threshold: 1e3\n  classes:\n    0: cat\n');
    await seedVersion(h, 'iris_clf', V, yaml, true);
    const result = await editModel(storePaths(h.home), 'iris_clf', { labels: { set: [['stage', 'prod']] }, metadata: { set: [['threshold', 0.5]] } });
    expect(result.surgical).toBe(true);
    expect(await h.yaml('iris_clf', V)).toBe(yaml.replace('labels: {}\n', "labels:\n  stage: 'prod'\n").replace('  threshold: 1e3\n', '  threshold: 0.5\n'));
  });

  it('--json prints metadata values the way --set takes them, and the undo id', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const r = await cli(h.home, ['metadata', 'iris_clf', '--set', 'threshold=1000.0', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"after": 1000.0');
    const out = JSON.parse(r.stdout) as { changes: { field: string; key: string; before: unknown }[]; undo: string };
    expect(out.changes).toEqual([{ field: 'metadata', key: 'threshold', before: '1e3', after: 1000 }]);
    expect(out.undo).toMatch(/^\d+-[0-9a-f]{8}$/);
  });

  it('refuses null with the way to store the word, a value it already has, and a key it does not have; nothing changed', { timeout: 60_000 }, async () => {
    const h = await foreignHome();
    const before = await homeSnapshot(h);
    const nul = await cli(h.home, ['metadata', 'iris_clf', '--set', 'n=null']);
    expect(nul.stderr).toBe(`Error: Metadata 'n' is JSON null, which BentoML cannot store; to store the word null as text, quote it: --set 'n="null"'.\n`);
    const deep = await cli(h.home, ['metadata', 'iris_clf', '--set', 'l=[1, null]']);
    expect(deep.stderr).toBe("Error: Metadata 'l[1]' is null; BentoML cannot load a model with null metadata. Remove it or use a string.\n");
    const same = await cli(h.home, ['metadata', 'iris_clf', '--set', 'threshold="1e3"']);
    expect(same.stderr).toBe(`Error: Nothing to change: 'iris_clf:${V}' already has metadata 'threshold' with that value.\n`);
    const missing = await cli(h.home, ['metadata', 'iris_clf', '--unset', 'nope']);
    expect(missing.stderr).toBe(`Error: Nothing to change: 'iris_clf:${V}' has no metadata key 'nope'.\n`);
    const both = await cli(h.home, ['metadata', 'iris_clf', '--set', 'a=1', '--unset', 'a']);
    expect(both.stderr).toBe("Error: The metadata key 'a' is both set and unset; give it once, with --set or with --unset.\n");
    for (const r of [nul, deep, same, missing, both]) expect(r.code).toBe(1);
    expect(treeChanges(before, await homeSnapshot(h))).toEqual([]);
  });
});
