// Issue 11 §5 against real BentoML: a model BentoML saved gets its labels and metadata changed by
// `model-shelf label`, `metadata` and `promote`, and BentoML then lists and loads it with the new
// values and the right Python types; every byte of model.yaml outside the edited entries is still
// the one BentoML wrote, and undoing through the trash gives BentoML's file back byte for byte.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bentoml, bentomlEnv, bentomlJson, bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP, type PyModel } from './helpers/bentoml.ts';
import { runProcess } from './helpers/process.ts';
import { shelfCli } from './helpers/shelf-cli.ts';
import { isPureAscii } from './helpers/tree.ts';
import { sortedDicts, type Typed } from './helpers/typed-value.ts';

type Loaded = { ok: true; value: Typed } | { ok: false; error: string };

const LONG = `${'a long label value that PyYAML would fold '.repeat(6)}end`;
const LABEL_SETS: [string, string][] = [
  ['stage', 'prod'],
  ['zero', '08'],
  ['octal', '0o17'],
  ['date', '2025-01-01'],
  ['bool', 'yes'],
  ['null_word', 'null'],
  ['empty', ''],
  ['unicode', 'Zoë 😀'],
  ['long', LONG],
  ['equals', 'a=b'],
];

const METADATA_SETS: [string, string][] = [
  ['int', '42'],
  ['huge', '18446744073709551616'],
  ['float', '0.25'],
  ['whole', '1e3'],
  ['neg_zero', '-0.0'],
  ['nan', 'NaN'],
  ['inf', 'Infinity'],
  ['yes', 'true'],
  ['nested', '{"layers": [64, 32.0, {"act": "relu", "p": [0.1, 1e-7]}], "ok": false}'],
  ['str_number', '"08"'],
  ['str_date', '"2025-03-15"'],
  ['str_bool', '"yes"'],
  ['str_float', '"1e3"'],
  ['unicode', '"Zo\\u00eb \\ud83d\\ude00"'],
  ['long', `"${'long text '.repeat(40)}"`],
  ['text', 'plain words'],
];

function typedEntries(t: Typed): [string, Typed][] {
  if (t.t !== 'dict') throw new Error('not a dict');
  return t.v;
}

describe.skipIf(SKIP_INTEROP)('labels and metadata edited by Model Shelf, read by BentoML', () => {
  let home = '';
  let made: PyModel;
  let original: Buffer;
  let before: Typed;

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('label-edit');
    const [created] = await pyOps(home, [
      {
        op: 'create',
        name: 'iris_clf',
        labels: { owner: 'Zoë', stage: 'yes', n: '1e3' },
        metadata: {
          accuracy: 0.9667,
          when: { $now: true },
          d: { $date: '2025-03-15' },
          big: { $int: String(2n ** 60n) },
          m: [[1, 2], [3, 4]],
          notes: `Zoë 😀 ${'x'.repeat(120)}`,
          threshold: '1e3',
        },
        files: [{ path: 'model.pkl', size: 4000 }],
      },
    ]);
    made = pyOk<PyModel>(created);
    original = await readFile(join(made.path, 'model.yaml'));
    before = pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: made.tag }]))[0]);
  });
  afterAll(removeHomes);

  it('label --set/--unset: BentoML loads exactly the new labels, as the same strings', { timeout: 300_000 }, async () => {
    const r = await shelfCli(home, ['label', made.tag, ...LABEL_SETS.flatMap(([k, v]) => ['--set', `${k}=${v}`]), '--unset', 'n']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = { owner: 'Zoë', ...Object.fromEntries(LABEL_SETS) };
    const theirs = await bentomlJson<{ labels: Record<string, string> }>(home, ['models', 'get', made.tag]);
    expect(theirs.labels).toEqual(expected);
    const [got, listed] = await pyOps(home, [{ op: 'get', tag: made.tag }, { op: 'list' }]);
    expect(pyOk<PyModel>(got).labels).toEqual(expected);
    expect(pyOk<PyModel[]>(listed).map((m) => [m.tag, m.labels])).toEqual([[made.tag, expected]]);
    // `bentoml models list -o json` (1.4.40 prints tag, module, size and time, no labels) still lists it.
    const rows = await bentomlJson<{ tag: string }[]>(home, ['models', 'list']);
    expect(rows.map((row) => row.tag)).toEqual([made.tag]);
    // Metadata untouched, with its types (the date stays a date, the big int exact).
    expect(pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: made.tag }]))[0])).toEqual(before);
  });

  it('metadata --set KEY=JSON: BentoML loads each value with the type json.loads gives it', { timeout: 300_000 }, async () => {
    const r = await shelfCli(home, ['metadata', made.tag, ...METADATA_SETS.flatMap(([k, v]) => ['--set', `${k}=${v}`]), '--unset', 'threshold']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [loads] = await pyOps(home, [{ op: 'json_loads', texts: METADATA_SETS.map(([, v]) => v) }]);
    const python = pyOk<Loaded[]>(loads);
    const now = pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: made.tag }]))[0]);
    const kept = typedEntries(before).filter(([k]) => k !== 'threshold');
    const set = METADATA_SETS.map(([k, text], i): [string, Typed] => {
      const p = python[i];
      return [k, p?.ok ? p.value : { t: 'str', r: text }];
    });
    expect(sortedDicts(now)).toEqual(sortedDicts({ t: 'dict', v: [...kept, ...set] }));
    // The classes this closes: a float that looks whole stays a float, NaN stays NaN, text that looks like a number stays text.
    const at = (key: string): Typed | undefined => typedEntries(now).find(([k]) => k === key)?.[1];
    expect(at('whole')).toEqual({ t: 'float', r: '1000.0' });
    expect(at('nan')).toEqual({ t: 'float', r: 'nan' });
    expect(at('neg_zero')).toEqual({ t: 'float', r: '-0.0' });
    expect(at('str_number')).toEqual({ t: 'str', r: '08' });
    expect(at('d')?.t).toBe('date');
    const theirs = await bentoml(home, ['models', 'get', made.tag, '-o', 'json']);
    expect(theirs.code).toBe(0);
  });

  it('outside labels: and metadata: the file is byte for byte what BentoML wrote, and pure ASCII', async () => {
    const now = await readFile(join(made.path, 'model.yaml'), 'utf8');
    const was = original.toString('utf8');
    expect(isPureAscii(Buffer.from(now))).toBe(true);
    const head = (t: string): string => t.slice(0, t.indexOf('labels:'));
    const middle = (t: string): string => t.slice(t.indexOf('\noptions:'), t.indexOf('\nmetadata:'));
    const tail = (t: string): string => t.slice(t.indexOf('\ncontext:'));
    expect(head(now)).toBe(head(was));
    expect(middle(now)).toBe(middle(was));
    expect(tail(now)).toBe(tail(was));
  });

  it('promote moves a label between versions BentoML saved; BentoML lists the result', { timeout: 300_000 }, async () => {
    const [second] = await pyOps(home, [{ op: 'create', name: 'iris_clf', labels: { stage: 'staging' }, metadata: {}, files: [] }]);
    const newer = pyOk<PyModel>(second);
    const r = await shelfCli(home, ['promote', newer.tag, '--label', 'stage=prod', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [listed] = await pyOps(home, [{ op: 'list' }]);
    const labels = Object.fromEntries(pyOk<PyModel[]>(listed).map((m) => [m.tag, m.labels]));
    expect(labels[newer.tag]).toEqual({ stage: 'prod' });
    expect(labels[made.tag]?.stage).toBeUndefined();
    expect(labels[made.tag]?.owner).toBe('Zoë');
  });

  it('metadata BentoML saved with int keys keeps them (untouched entries keep their bytes and types)', { timeout: 300_000 }, async () => {
    const script = [
      'import bentoml',
      "with bentoml.models.create('int_keys', metadata={'classes': {0: 'cat', 1: 'dog'}, 'acc': 0.5}) as m: pass",
    ].join('\n');
    const venv = await bentomlVenv();
    const made2 = await runProcess(venv.python, ['-c', script], { env: bentomlEnv(home), cwd: home });
    expect(made2.code).toBe(0);
    const r = await shelfCli(home, ['metadata', 'int_keys', '--set', 'acc=0.75']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const typed = pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: 'int_keys' }]))[0]);
    expect(typed).toEqual({
      t: 'dict',
      v: [
        ['classes', { t: 'dict', v: [['$key:0', { t: 'str', r: 'cat' }], ['$key:1', { t: 'str', r: 'dog' }]] }],
        ['acc', { t: 'float', r: '0.75' }],
      ],
    });
  });

  it('undoing every edit through the trash gives BentoML its own file back, byte for byte', { timeout: 300_000 }, async () => {
    const list = await shelfCli(home, ['trash', 'list']);
    const ids = [...list.stdout.matchAll(/^ (\d+-[0-9a-f]{8}) +iris_clf:(\S+) \(model\.yaml before an edit\)/gm)].map((m) => ({ id: m[1] ?? '', version: m[2] ?? '' }));
    // Newest first, as the trash lists them: each undo finds the file its edit wrote.
    for (const { id } of ids) expect((await shelfCli(home, ['trash', 'restore', id])).code).toBe(0);
    expect(await readFile(join(made.path, 'model.yaml'))).toEqual(original);
    const [got] = await pyOps(home, [{ op: 'get', tag: made.tag }]);
    expect(pyOk<PyModel>(got).labels).toEqual({ owner: 'Zoë', stage: 'yes', n: '1e3' });
  });
});
