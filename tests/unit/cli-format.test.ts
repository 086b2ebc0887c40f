import { describe, expect, it } from 'vitest';
import { splitTargets } from '../../src-main/cli/commands/delete.ts';
import { formatTable, localTime } from '../../src-main/cli/format-table.ts';
import { toJson } from '../../src-main/cli/json-out.ts';
import { collectPair, metadataValue } from '../../src-main/cli/parse-pairs.ts';

describe('--metadata values', () => {
  it('are JSON when they parse as JSON, else text', () => {
    expect(metadataValue('0.97')).toBe(0.97);
    expect(metadataValue('42')).toBe(42);
    expect(metadataValue('true')).toBe(true);
    expect(metadataValue('[1,[2,3]]')).toEqual([1, [2, 3]]);
    expect(metadataValue('{"a":{"b":1}}')).toEqual({ a: { b: 1 } });
    expect(metadataValue('"007"')).toBe('007');
    expect(metadataValue('plain words')).toBe('plain words');
    expect(metadataValue('null')).toBe('null');
  });
  it('keep every digit of integers beyond 2^53', () => {
    expect(metadataValue('1152921504606846977')).toBe(1152921504606846977n);
    // Not JSON (leading zero), so it stays the text a person typed.
    expect(metadataValue('08')).toBe('08');
    expect(metadataValue('{"a":[1152921504606846977,1.5]}')).toEqual({ a: [1152921504606846977n, 1.5] });
    expect(metadataValue('-9007199254740993')).toBe(-9007199254740993n);
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
