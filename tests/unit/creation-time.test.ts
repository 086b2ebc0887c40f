import { describe, expect, it } from 'vitest';
import { compareCreationTime, formatCreationTime, parseCreationTime } from '../../src-main/store/yaml/creation-time.ts';

describe('formatCreationTime (§3.4 writer rule)', () => {
  it('writes 6 fractional digits and +00:00, even at a whole second', () => {
    expect(formatCreationTime(new Date(Date.UTC(2025, 2, 14, 9, 26, 53, 413)))).toBe('2025-03-14T09:26:53.413000+00:00');
    expect(formatCreationTime(new Date(Date.UTC(2025, 2, 14, 10, 2, 7, 0)))).toBe('2025-03-14T10:02:07.000000+00:00');
  });
  it('round-trips through the reader as an aware time', () => {
    const d = new Date();
    const parsed = parseCreationTime(formatCreationTime(d));
    expect(parsed).toEqual({ ms: d.getTime(), micros: d.getTime() * 1000, aware: true });
  });
});

describe('parseCreationTime (§3.4 reader rule)', () => {
  const at = Date.UTC(2025, 2, 14, 9, 26, 53);
  it.each([
    ['2025-03-14T09:26:53.413218+00:00', at * 1000 + 413218],
    ['2025-03-14T09:26:53+00:00', at * 1000],
    ['2025-03-14T09:26:53.413Z', at * 1000 + 413000],
    ['2025-03-14 09:26:53.413218+00:00', at * 1000 + 413218],
    ['2025-03-14T14:56:53.413+05:30', at * 1000 + 413000],
    ['2025-03-14T04:26:53-05:00', at * 1000],
    ['2025-03-14 09:26:53.4 Z', at * 1000 + 400000], // a PyYAML timestamp form
    ['2025-03-14T11:26:53+0200', at * 1000],
  ])('%s', (text, micros) => {
    expect(parseCreationTime(text)).toEqual({ ms: Math.floor(micros / 1000), micros, aware: true });
  });
  it('flags naive times', () => {
    expect(parseCreationTime('2025-03-14T09:26:53.413218')).toMatchObject({ aware: false, micros: at * 1000 + 413218 });
    expect(parseCreationTime('2025-03-14')).toMatchObject({ aware: false });
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', 'yesterday', '2025-13-01T00:00:00+00:00', '2025-02-29T00:00:00+00:00', '2025-03-14T25:00:00Z']) {
      expect(parseCreationTime(bad)).toBeNull();
    }
    expect(parseCreationTime('2024-02-29T00:00:00+00:00')).not.toBeNull();
  });
});

describe('compareCreationTime', () => {
  it('orders by absolute instant with microseconds from the text', () => {
    expect(compareCreationTime('2025-03-14T09:26:53.413219+00:00', '2025-03-14T09:26:53.413218+00:00')).toBe(1);
    expect(compareCreationTime('2025-03-14T14:56:53.413218+05:30', '2025-03-14T09:26:53.413218+00:00')).toBe(0);
    expect(compareCreationTime('2025-03-14T09:00:00-01:00', '2025-03-14T09:30:00+00:00')).toBe(1);
    expect(compareCreationTime('garbage', '2025-03-14T09:30:00+00:00')).toBe(-1);
  });
});
