import { describe, expect, it } from 'vitest';
import { bentomlSize, humanSize } from '../../src-main/shared/human-size.ts';

describe('bentomlSize', () => {
  // Recorded from bentoml._internal.utils.human_readable_size (BentoML 1.4.40).
  const cases: [number, string][] = [
    [0, '0.00 B'],
    [1023, '1023.00 B'],
    [1024, '1.00 KiB'],
    [1152, '1.12 KiB'], // exact tie 1.125: Python rounds half to even, JS toFixed would say 1.13
    [1157, '1.13 KiB'],
    [1536, '1.50 KiB'],
    [1048575, '1024.00 KiB'],
    [1048576, '1.00 MiB'],
    [5 * 1024 ** 3, '5.00 GiB'],
    [2 ** 40 * 3 + 5, '3.00 TiB'],
    [1024 ** 6, '1024.00 PiB'],
  ];
  for (const [bytes, text] of cases) {
    it(`${bytes} -> ${text}`, () => expect(bentomlSize(bytes)).toBe(text));
  }
});

describe('humanSize', () => {
  // Bytes are whole numbers; from KiB up it reads like BentoML's list.
  const cases: [number, string][] = [
    [0, '0 B'],
    [783, '783 B'],
    [1023, '1023 B'],
    [512.6, '513 B'], // a speed in bytes per second
    [1024, '1.00 KiB'],
    [1152, '1.12 KiB'],
    [1048575, '1024.00 KiB'],
    [5 * 1024 ** 3, '5.00 GiB'],
  ];
  for (const [bytes, text] of cases) {
    it(`${bytes} -> ${text}`, () => expect(humanSize(bytes)).toBe(text));
  }
});
