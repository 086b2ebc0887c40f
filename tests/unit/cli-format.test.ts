import { describe, expect, it } from 'vitest';
import { splitTargets } from '../../src-main/cli/commands/delete.ts';
import { formatTable, localTime } from '../../src-main/cli/format-table.ts';
import { toJson } from '../../src-main/cli/json-out.ts';
import { collectPair, metadataValue } from '../../src-main/cli/parse-pairs.ts';

describe('--metadata values', () => {
  const errorOf = (fn: () => unknown): { code: string; message: string } => {
    try {
      fn();
    } catch (error) {
      return error as { code: string; message: string };
    }
    throw new Error('expected an error');
  };
  it("are read as Python's json.loads reads them, else text", () => {
    expect(metadataValue('k', '0.97')).toBe(0.97);
    expect(metadataValue('k', '42')).toBe(42);
    expect(metadataValue('k', 'true')).toBe(true);
    expect(metadataValue('k', '[1,[2,3]]')).toEqual([1, [2, 3]]);
    expect(metadataValue('k', '{"a":{"b":1}}')).toEqual({ a: { b: 1 } });
    expect(metadataValue('k', '"007"')).toBe('007');
    expect(metadataValue('k', 'plain words')).toBe('plain words');
    expect(metadataValue('k', ' 1 ')).toBe(1);
  });
  it('keep floats that JS would take for ints as floats (1e3 is 1000.0 to Python)', () => {
    expect(metadataValue('k', '1e3')).toEqual({ $float: '1000.0' });
    expect(metadataValue('k', '1.0')).toEqual({ $float: '1.0' });
    expect(metadataValue('k', '-0.0')).toEqual({ $float: '-0.0' });
    expect(metadataValue('k', '-0')).toBe(0);
    expect(metadataValue('k', '1E400')).toEqual({ $float: 'inf' });
    expect(metadataValue('k', 'NaN')).toEqual({ $float: 'nan' });
    expect(metadataValue('k', '[-Infinity, 2.5e1, 1e-7]')).toEqual([{ $float: '-inf' }, { $float: '25.0' }, 1e-7]);
    // Python refuses these, so they are text.
    for (const text of ['.5', '+1', '1.', 'inf', '-NaN', 'nan', '0x10']) expect(metadataValue('k', text)).toBe(text);
  });
  it('keep every digit of integers beyond 2^53, up to the 4,300 digits Python reads', () => {
    expect(metadataValue('k', '1152921504606846977')).toBe(1152921504606846977n);
    // Not JSON (leading zero), so it stays the text a person typed.
    expect(metadataValue('k', '08')).toBe('08');
    expect(metadataValue('k', '{"a":[1152921504606846977,1.5]}')).toEqual({ a: [1152921504606846977n, 1.5] });
    expect(metadataValue('k', '-9007199254740993')).toBe(-9007199254740993n);
    expect(metadataValue('k', `-${'9'.repeat(4300)}`)).toBe(-(10n ** 4300n - 1n));
    expect(metadataValue('k', '9'.repeat(4301))).toBe('9'.repeat(4301));
  });
  it('refuse JSON null with the way to store the word, and maps that look like typed values', () => {
    const nul = errorOf(() => metadataValue('n', 'null'));
    expect(nul.code).toBe('INVALID_METADATA');
    expect(nul.message).toBe(`Metadata 'n' is JSON null, which BentoML cannot store; to store the word null as text, quote it: --metadata 'n="null"'.`);
    expect(metadataValue('n', '"null"')).toBe('null');
    expect(errorOf(() => metadataValue('m', '{"a": {"$float": "1.0"}}')).message).toBe(
      "Metadata 'm.a' is a map whose only key is '$float', which Model Shelf uses for typed values; add another key or rename it.",
    );
    expect(metadataValue('m', '{"$float": "1.0", "b": 1}')).toEqual({ $float: '1.0', b: 1 });
    expect(errorOf(() => metadataValue('deep', `${'['.repeat(101)}${']'.repeat(101)}`)).message).toContain("'deep");
  });
  it('split KEY=VALUE at the first =', () => {
    expect(collectPair('a=b=c', [['x', 'y']])).toEqual([['x', 'y'], ['a', 'b=c']]);
    expect(() => collectPair('novalue')).toThrow(/not KEY=VALUE/);
    expect(() => collectPair('=v')).toThrow(/not KEY=VALUE/);
  });
});

describe('JSON output', () => {
  it('prints bigint as a lossless JSON number and YAML dates as strings', () => {
    const text = toJson({ big: 2n ** 60n + 1n, d: { $date: '2025-03-15' }, n: [1.5] });
    expect(text).toContain('"big": 1152921504606846977');
    expect(JSON.parse(text)).toMatchObject({ d: '2025-03-15', n: [1.5] });
  });
  it('prints integral floats with their .0, so json.loads reads floats again; inf and nan keep their form', () => {
    const text = toJson({ f: { $float: '1000.0' }, z: { $float: '-0.0' }, e: { $float: '1e+16' }, i: { $float: 'inf' }, n: { $float: 'nan' } });
    expect(text).toContain('"f": 1000.0');
    expect(text).toContain('"z": -0.0');
    expect(text).toContain('"e": 1e+16');
    expect(JSON.parse(text)).toMatchObject({ i: { $float: 'inf' }, n: { $float: 'nan' } });
  });
});

describe('table', () => {
  it('looks like rich Table(box=None): one leading space, two between columns', () => {
    expect(formatTable(['Tag', 'Size'], [['iris_clf:abc', '4.53 KiB'], ['x:y', '0.00 B']])).toBe(
      [' Tag           Size', ' iris_clf:abc  4.53 KiB', ' x:y           0.00 B'].join('\n'),
    );
  });
  it('prints local time without zone or fraction', () => {
    expect(localTime(Date.UTC(2025, 2, 15, 8, 0, 1, 900))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(localTime(Number.NaN)).toBe('');
  });
});

describe('delete targets (bentoml models delete joins, then splits on , or spaces)', () => {
  it.each([
    [['a:1', 'b:2'], ['a:1', 'b:2']],
    [['a:1,b:2'], ['a:1', 'b:2']],
    [['a:1, b:2'], ['a:1', 'b:2']],
    [['a:1 ,', 'b'], ['a:1', 'b']],
  ])('%j -> %j', (args, targets) => {
    expect(splitTargets(args)).toEqual(targets);
  });
});
