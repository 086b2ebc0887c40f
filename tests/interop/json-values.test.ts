// README rule for `--metadata` and the window's number/JSON rows: "a value is read as Python's
// json.loads reads it; otherwise it is text", and BentoML must then load the same type and value.
// Every expectation here comes from Python's json.loads itself (py/bento_ops.py), never from a
// table written by hand: the texts are inputs only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../src-main/shared/python-json.ts';
import { MAX_METADATA_DEPTH } from '../../src-main/shared/value-rules.ts';
import { bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP } from './helpers/bentoml.ts';
import { writeTree } from './helpers/fixtures.ts';
import { shelfCli } from './helpers/shelf-cli.ts';
import { sortedDicts, typedOf, type Typed } from './helpers/typed-value.ts';

type Loaded = { ok: true; value: Typed } | { ok: false; error: string };

/** Every JSON shape, and the near misses where Python's json.loads and JavaScript's JSON.parse part ways. */
const SHAPES: readonly string[] = [
  // ints, at and beyond 2^53 and at Python's 4,300-digit limit
  '0', '-0', '1', '-1', '42', '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993',
  '18446744073709551616', '1000000000000000000000000000000', '1'.repeat(4300), `-${'7'.repeat(4300)}`, '1'.repeat(4301),
  // floats: a point or an exponent makes a float, whatever the value
  '1.0', '-0.0', '0.0', '1e3', '1E3', '1e+3', '1e-3', '1.5', '0.1', '0.30000000000000004', '2.5e-5', '1e15', '1e16',
  '1e22', '123456789012345678901234567890.0', '1.7976931348623157e308', '1e308', '1e309', '1E400', '-1e400', '5e-324',
  '1e-400', '-1e-400', '100000000000000000000.0', '9007199254740993.0',
  // Python's extra constants, and spellings neither accepts
  'NaN', 'Infinity', '-Infinity', '-NaN', 'nan', 'inf', '-inf', 'Infinity1', 'NaNa', '+Infinity',
  // literals
  'true', 'false', 'True', 'TRUE', 'False', 'none', 'None',
  // strings: escapes, unicode, surrogates (paired, lone high, lone low), YAML-looking text
  '""', '"a"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ude00"', '"\\ud83d\\u0041"', '"\\n\\t\\"\\\\\\/\\b\\f\\r"',
  '"\\u0000"', '"\\u001f"', '"Zoë 😀"', '"\\u2028\\u0085"', '"08"', '"null"', '"1e3"', '"yes"', '"~"', '"2025-03-15"', '"="',
  '"\\x41"', '"\\u12"', '"\\U0001F600"', '"unterminated', '"a\tb"', '"\u007f"', "'single'",
  // whitespace: JSON's four around a value; anything else is not whitespace to Python
  ' 1 ', '\t[1]\n', '\r\n{}\r\n', ' ', '', '\u00a01', '\ufeff1', '\f1', '\v1', '1\u2028',
  // lists
  '[]', '[ ]', '[1]', '[1,[2,[3,[]]]]', '[1.0, 2, "2", true, -0.0]', '[NaN, Infinity, -Infinity]', '[1,]', '[,1]', '[1 2]',
  '[[]]', '[{}]', '[1e3, [1e-7, [9007199254740993]]]',
  // maps: nesting, duplicates (the last wins), odd keys, floats inside
  '{}', '{"a":1}', '{"a":{"b":[1.0,{"c":-0.0}]}}', '{"a":1,"a":2}', '{"a":1,"b":2,"a":3.0}', '{"1":1,"b":2,"0":3}',
  '{"__proto__": 1}', '{"": 1}', '{"k\\u00e9y": "v"}', '{"a": {"$float": "1.0", "x": 2}}', '{"a":1,}', '{a:1}',
  "{'a':1}", '{"a" 1}', '{"a":1 "b":2}', '{"nested": {"deeper": {"deepest": [1E3, {"x": 1e400}]}}}',
  // numbers JSON does not allow
  '01', '-', '+1', '.5', '1.', '1e', '1e+', '0x10', '1_000', '- 1', '--1', '1 2', '1.5.5', '١',
  // plain text
  'v2', 'plain words', '=', 'a=b', '08', 'yes', 'null ', 'nul', 'true false',
];

/** Random JSON-ish texts: valid values from Python's grammar, some of them broken by one edit. */
function fuzzTexts(count: number, seed: number): string[] {
  let state = seed >>> 0;
  const rand = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const ws = (): string => (rand() < 0.7 ? '' : pick([' ', '\t', '\n', '\r', '  ']));
  const scalars = ['0', '-0', '7', '-12', '1.0', '-0.0', '2.5', '1e3', '1E-2', '3e+2', '9007199254740993', '1e400', 'NaN', 'Infinity',
    '-Infinity', 'true', 'false', '"s"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\ud800"', '"a\\"b"', '""', '123456789012345678901'];
  const keys = ['"a"', '"b"', '"a"', '"1"', '"0"', '"\\u00e9"', '""', '"__proto__"'];
  const value = (depth: number): string => {
    const r = rand();
    if (depth > 3 || r < 0.5) return pick(scalars);
    const n = Math.floor(rand() * 4);
    const items = Array.from({ length: n }, () => (r < 0.75 ? '' : `${pick(keys)}${ws()}:${ws()}`) + `${ws()}${value(depth + 1)}${ws()}`);
    return r < 0.75 ? `[${ws()}${items.join(',')}]` : `{${ws()}${items.join(',')}}`;
  };
  const edits = [',', ':', '[', ']', '{', '}', '"', '\\', '.', 'e', '-', '+', '0', ' ', '\u00a0', 'x', 'N'];
  return Array.from({ length: count }, () => {
    let text = `${ws()}${value(0)}${ws()}`;
    if (rand() < 0.35) {
      const at = Math.floor(rand() * (text.length + 1));
      text = rand() < 0.5 ? text.slice(0, at) + pick(edits) + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }
    return text;
  });
}

/** Our parser's answer in Python's terms: the typed value, or that json.loads would fail. */
function ours(text: string): Loaded {
  const result = parsePythonJson(text);
  return result.ok ? { ok: true, value: sortedDicts(typedOf(result.value)) } : { ok: false, error: result.reason };
}

function theirs(loaded: Loaded): Loaded {
  return loaded.ok ? { ok: true, value: sortedDicts(loaded.value) } : loaded;
}

function hasNone(value: Typed): boolean {
  if (value.t === 'none') return true;
  if (value.t === 'list') return value.v.some(hasNone);
  if (value.t === 'dict') return value.v.some(([, v]) => hasNone(v));
  return false;
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}1.0${']'.repeat(depth)}`;
}

describe.skipIf(SKIP_INTEROP)("metadata values are read as Python's json.loads reads them", () => {
  let home = '';
  let tree = '';

  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('json');
    tree = await writeTree([{ path: 'w.bin', size: 10 }]);
  });
  afterAll(removeHomes);

  async function loads(texts: readonly string[]): Promise<Loaded[]> {
    const [answers] = await pyOps(home, [{ op: 'json_loads', texts }]);
    return pyOk<Loaded[]>(answers);
  }

  it('the parser agrees with json.loads on every shape and on 2,000 random texts (accepted or not, type and value)', async () => {
    const texts = [...SHAPES, ...fuzzTexts(2000, 20250315)];
    const python = await loads(texts);
    const differ = texts
      .map((text, i) => ({ text, python: theirs(python[i]!), ours: ours(text) }))
      .filter((row) => row.python.ok !== row.ours.ok || (row.python.ok && row.ours.ok && JSON.stringify(row.python.value) !== JSON.stringify(row.ours.value)));
    expect(differ).toEqual([]);
    // The fuzz is worth something only if it hits both sides often.
    const accepted = python.filter((p) => p.ok).length;
    expect(accepted).toBeGreaterThan(texts.length * 0.4);
    expect(accepted).toBeLessThan(texts.length * 0.9);
  });

  it('`model-shelf create --metadata` stores each shape so that BentoML loads the type and value json.loads gives, or the text', async () => {
    const python = await loads(SHAPES);
    // JSON null cannot be stored (BentoML refuses None); those are refused, see below.
    const stored = SHAPES.map((text, i) => ({ key: `k${String(i).padStart(3, '0')}`, text, python: python[i]! })).filter(
      (row) => !(row.python.ok && hasNone(row.python.value)),
    );
    const result = await shelfCli(home, ['create', 'json_values', '--root', tree, ...stored.flatMap((row) => ['--metadata', `${row.key}=${row.text}`])]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const loaded = pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: 'json_values' }]))[0]);
    const expected: Typed = { t: 'dict', v: stored.map((row) => [row.key, row.python.ok ? row.python.value : { t: 'str', r: row.text }]) };
    expect(sortedDicts(loaded)).toEqual(sortedDicts(expected));
    // The class this closes: 1e3 is the float 1000.0 in BentoML, not the int 1000.
    const at = (text: string): Typed | undefined => (sortedDicts(loaded) as { v: [string, Typed][] }).v.find(([k]) => k === stored.find((r) => r.text === text)?.key)?.[1];
    expect(at('1e3')).toEqual({ t: 'float', r: '1000.0' });
    expect(at('-0.0')).toEqual({ t: 'float', r: '-0.0' });
    expect(at('NaN')).toEqual({ t: 'float', r: 'nan' });
    expect(at('1'.repeat(4301))).toEqual({ t: 'str', r: '1'.repeat(4301) });
  });

  it('refuses JSON null, at the top with the way to store the word, deeper with its path; nothing is created', async () => {
    const [top, deep] = await Promise.all([
      shelfCli(home, ['create', 'nulls', '--root', tree, '--metadata', 'n=null']),
      shelfCli(home, ['create', 'nulls', '--root', tree, '--metadata', 'l={"a": [1, null]}']),
    ]);
    expect(top.code).toBe(1);
    expect(top.stderr.trim()).toBe(`Error: Metadata 'n' is JSON null, which BentoML cannot store; to store the word null as text, quote it: --metadata 'n="null"'.`);
    expect(deep.code).toBe(1);
    expect(deep.stderr.trim()).toBe("Error: Metadata 'l.a[1]' is null; BentoML cannot load a model with null metadata. Remove it or use a string.");
    expect(existsSync(join(home, 'models', 'nulls'))).toBe(false);
    const quoted = await shelfCli(home, ['create', 'nulls', '--root', tree, '--metadata', 'n="null"']);
    expect(quoted.code).toBe(0);
    const loaded = pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: 'nulls' }]))[0]);
    expect(loaded).toEqual({ t: 'dict', v: [['n', { t: 'str', r: 'null' }]] });
  });

  it(`stores lists and maps ${MAX_METADATA_DEPTH} deep, which BentoML loads, and refuses one level more with a sentence`, async () => {
    const ok = await shelfCli(home, ['create', 'deep', '--root', tree, '--metadata', `d=${nested(MAX_METADATA_DEPTH)}`]);
    expect(ok.code).toBe(0);
    const [python] = await loads([nested(MAX_METADATA_DEPTH)]);
    const loaded = pyOk<Typed>((await pyOps(home, [{ op: 'typed_metadata', tag: 'deep' }]))[0]);
    expect(loaded).toEqual({ t: 'dict', v: [['d', (python as { value: Typed }).value]] });
    const tooDeep = await shelfCli(home, ['create', 'deeper', '--root', tree, '--metadata', `d=${nested(MAX_METADATA_DEPTH + 1)}`]);
    expect(tooDeep.code).toBe(1);
    expect(tooDeep.stderr.trim()).toMatch(new RegExp(`^Error: Metadata 'd(\\[0\\]){${MAX_METADATA_DEPTH}}' is nested more than ${MAX_METADATA_DEPTH} lists or maps deep`));
  });
});
