import { describe, expect, it } from 'vitest';
import { fastReadYamlTree } from '../../src-main/store/yaml/yaml-fast-path.ts';
import { readYamlTree } from '../../src-main/store/yaml/yaml-read.ts';
import { toJs } from '../../src-main/store/yaml/yaml-tree.ts';

// Every row was checked against PyYAML 6.0.4 (the BentoML venv) with
//   python -c 'import yaml; print(repr(yaml.safe_load("x: <scalar>")["x"]))'
// A YAML 1.2 parser disagrees on many of them (format spec §10.2). A float that a JS number
// would take for an int (100000.0, inf) reads as { $float: repr } (shared/py-float.ts).
const F = ($float: string): { $float: string } => ({ $float });
const TABLE: [string, unknown][] = [
  ['yes', true], ['Yes', true], ['YES', true], ['no', false], ['on', true], ['OFF', false],
  ['True', true], ['TRUE', true], ['false', false], ['tRUE', 'tRUE'], ['y', 'y'], ['n', 'n'],
  ['1e3', '1e3'], ['1e-3', '1e-3'], ['1.0e5', '1.0e5'], ['1.0e+5', F('100000.0')], ['1.e+5', F('100000.0')],
  ['1.5e-3', 0.0015], ['1.5E+3', F('1500.0')], ['.5', 0.5], ['-.5', '-.5'], ['+.5', '+.5'], ['._5', '._5'],
  ['1.', F('1.0')], ['0.', F('0.0')], ['1_0.5_0', 10.5], ['1:20.5', 80.5], ['190:20:30.15', 685230.15], ['1:0.1', 60.1], ['4:34:59.99', 16499.989999999998], // PyYAML's summation order
  ['0o17', '0o17'], ['08', '08'], ['09', '09'], ['017', 15], ['-017', -15], ['0_17', 15], ['00', 0],
  ['1_000', 1000], ['1__', 1], ['1:20', 80], ['-1:20', -80], ['190:20:30', 685230], ['0:20', '0:20'],
  ['0b101', 5], ['0x1F', 31], ['+0x1f', 31], ['+1', 1], ['-0', 0], ['0', 0],
  ['100000000000000000000', 100000000000000000000n], ['9007199254740993', 9007199254740993n],
  ['9007199254740991', 9007199254740991],
  ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null], ['nULL', 'nULL'],
  ['.inf', F('inf')], ['-.Inf', F('-inf')], ['.NaN', F('nan')],
  ['2025-03-15', { $date: '2025-03-15' }], ['2025-3-15 1:02:03', { $date: '2025-3-15 1:02:03' }],
  ['2025-03-15T07:58:12Z', { $date: '2025-03-15T07:58:12Z' }],
  ['2025-03-15 07:58:12.5 +5', { $date: '2025-03-15 07:58:12.5 +5' }],
  ['2025-3-15', '2025-3-15'],
  ["'yes'", 'yes'], ["'017'", '017'], ['"1:20"', '1:20'], ['!!str 017', '017'], ['!!float 1', F('1.0')],
  ['!!binary aGk=', { $binary: 'aGk=' }],
];

function value(scalar: string): unknown {
  const tree = readYamlTree(`x: ${scalar}\n`);
  const doc = toJs(tree!) as Record<string, unknown>;
  return doc.x;
}

describe('PyYAML implicit typing with the yaml package (failsafe + customTags)', () => {
  for (const [scalar, expected] of TABLE) {
    it(`${JSON.stringify(scalar)} -> ${typeof expected === 'bigint' ? `${expected}n` : JSON.stringify(expected)}`, () => {
      expect(value(scalar)).toEqual(expected);
    });
  }
});

describe('the fast path types plain scalars the same way', () => {
  for (const [scalar, expected] of TABLE) {
    const tree = fastReadYamlTree(`x: ${scalar}\n`);
    if (tree === undefined) continue; // outside its subset: the full reader (above) answers
    it(`${JSON.stringify(scalar)}`, () => expect((toJs(tree) as Record<string, unknown>).x).toEqual(expected));
  }
});

describe('scalars PyYAML cannot construct', () => {
  it.each(['=', '<<', '0x_', '0b_', '2025-02-30', '!!python/object:os.system x', '!!int abc'])('%s fails', (scalar) => {
    expect(() => readYamlTree(`x: ${scalar}\n`)).toThrow();
  });
  it('refuses decimal ints past 4,300 digits like Python 3.11 int(), as the readers model.yaml goes through; other bases have no limit', () => {
    for (const scalar of ['9'.repeat(4301), `-${'1'.repeat(4301)}`]) {
      expect(() => readYamlTree(`x: ${scalar}\n`)).toThrow(/Exceeds the limit \(4300 digits\)/);
      expect(() => fastReadYamlTree(`x: ${scalar}\n`) ?? readYamlTree(`x: ${scalar}\n`)).toThrow(/Exceeds the limit \(4300 digits\)/);
    }
    expect(value('9'.repeat(4300))).toBe(10n ** 4300n - 1n);
    expect(value(`0x${'f'.repeat(5000)}`)).toBe(16n ** 5000n - 1n);
  });
});

describe('YAML syntax PyYAML accepts', () => {
  it('reads escapes, folding, CRLF, anchors, merge keys and duplicate keys', () => {
    const text = [
      'esc: "\\x41\\u00e9\\U0001F600\\N\\L\\P\\_\\a\\e\\t"',
      'folded: "one',
      '  two"',
      "single: 'it''s",
      "  folded'",
      'plain: a',
      '  b',
      'block: >',
      '  x',
      '  y',
      'base: &b {p: 1, q: 2}',
      'merged:',
      '  <<: *b',
      '  q: 3',
      'dup: 1',
      'dup: 2',
      '',
    ].join('\r\n');
    expect(toJs(readYamlTree(text)!)).toEqual({
      esc: 'A\u00e9\u{1F600}\u0085\u2028\u2029\u00a0\u0007\u001b\t',
      folded: 'one two',
      single: "it's folded",
      plain: 'a b',
      block: 'x y\n',
      base: { p: 1, q: 2 },
      merged: { p: 1, q: 3 },
      dup: 2,
    });
  });
  it('returns null for an empty document and throws on syntax errors', () => {
    expect(readYamlTree('')).toBeNull();
    expect(() => readYamlTree('a: [1, 2\n')).toThrow();
    expect(() => readYamlTree('a: 1\n---\nb: 2\n')).toThrow();
  });
});
