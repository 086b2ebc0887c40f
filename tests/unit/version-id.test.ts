import { describe, expect, it } from 'vitest';
import { isBentoMLGeneratedId, makeVersionId } from '../../src-main/store/create/version-id.ts';

describe('makeVersionId (format spec §4.3 vectors)', () => {
  const base = Date.UTC(2025, 2, 14, 9, 26, 53, 123);
  it('vector 1: 2025-03-14T09:26:53.123456, clock_seq 0x1234, node 0x0242ac110002', () => {
    expect(makeVersionId({ unixMs: base, subMs: 4560, clockSeq: 0x1234, node16: 0x0242 })).toBe('o4q4gaaaw2jdiasc');
  });
  it('vector 2: one microsecond later (10 ticks)', () => {
    expect(makeVersionId({ unixMs: base, subMs: 4570, clockSeq: 0x1234, node16: 0x0242 })).toBe('o4q4gcqaw2jdiasc');
  });
  it('vector 3: 2024-01-01, zero clock_seq and node', () => {
    expect(makeVersionId({ unixMs: Date.UTC(2024, 0, 1), subMs: 0, clockSeq: 0, node16: 0 })).toBe('wtgiaafihcaaaaaa');
  });
  it('vector 4: 2024-01-01, all-ones clock_seq and node', () => {
    expect(makeVersionId({ unixMs: Date.UTC(2024, 0, 1), subMs: 0, clockSeq: 0x3fff, node16: 0xffff })).toBe('wtgiaafihc777777');
  });
});

describe('generated ids', () => {
  it('look BentoML-generated and never repeat within the process', () => {
    const ids = Array.from({ length: 2000 }, () => makeVersionId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isBentoMLGeneratedId(id)).toBe(true);
  });
});

describe('isBentoMLGeneratedId', () => {
  it('checks the alphabet, the length and the variant character', () => {
    expect(isBentoMLGeneratedId('o5g63lqaw2vfypbc')).toBe(true);
    expect(isBentoMLGeneratedId('o5g63lqaw2vfypb')).toBe(false);
    expect(isBentoMLGeneratedId('o5g63lqawavfypbc')).toBe(false); // char 9 'a' lacks the variant bits
    expect(isBentoMLGeneratedId('o5g63lqaw1vfypbc')).toBe(false); // '1' is not base32
    expect(isBentoMLGeneratedId('v1')).toBe(false);
  });
});
