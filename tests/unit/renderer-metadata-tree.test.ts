import { describe, expect, it } from 'vitest';
import { typeOf, valueText } from '../../src-renderer/components/MetadataTree.tsx';

describe('the window shows ints and floats as Python has them', () => {
  it.each([
    [3, 'int', '3'],
    [2n ** 64n, 'int', '18446744073709551616'],
    [0.5, 'number', '0.5'],
    [1e20, 'number', '1e+20'],
    [{ $float: '1000.0' }, 'number', '1000.0'],
    [{ $float: '-0.0' }, 'number', '-0.0'],
    [{ $float: 'nan' }, 'number', 'nan'],
  ] as const)('%o is %s %s', (value, type, text) => {
    expect(typeOf(value)).toBe(type);
    expect(valueText(value)).toBe(text);
  });
});
