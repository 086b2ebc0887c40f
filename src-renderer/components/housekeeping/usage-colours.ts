// Colours of the disk-use bars: by age (newest strong, oldest faint, by rank so one old outlier
// does not wash out the rest) or by one label's values (a small categorical palette).
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import type { ColourBy } from '../../state/housekeeping/hk-store.ts';

const PALETTE = ['#2f6fde', '#d9822b', '#2b8a3e', '#a23fbf', '#c9372c', '#1598a8', '#8a6d1f', '#d6459b'] as const;
export const UNLABELLED = 'var(--border-strong)';

export interface Colouring {
  readonly colourOf: (v: ModelVersion | undefined) => string;
  /** Legend entries for a label colouring (value -> colour); empty for age. */
  readonly legend: readonly { readonly text: string; readonly colour: string }[];
}

export function colouring(versions: readonly ModelVersion[], by: ColourBy): Colouring {
  if (by === 'age') {
    const times = versions.map((v) => v.creationTimeMs).filter(Number.isFinite).sort((a, b) => a - b);
    const rank = new Map<number, number>();
    times.forEach((t, i) => rank.set(t, i));
    const last = Math.max(1, times.length - 1);
    return {
      legend: [],
      colourOf: (v) => {
        if (!v || !Number.isFinite(v.creationTimeMs)) return UNLABELLED;
        const share = (rank.get(v.creationTimeMs) ?? 0) / last; // 0 oldest .. 1 newest
        return `color-mix(in srgb, var(--accent) ${Math.round(22 + share * 78)}%, var(--bg-sunken))`;
      },
    };
  }
  const key = by.slice('label:'.length);
  const values = [...new Set(versions.map((v) => v.labels[key]).filter((x): x is string => x !== undefined))].sort();
  const colours = new Map(values.map((val, i) => [val, PALETTE[i % PALETTE.length]!]));
  return {
    legend: [...values.map((val) => ({ text: `${key}=${val}`, colour: colours.get(val)! })), { text: `no ${key}`, colour: UNLABELLED }],
    colourOf: (v) => {
      const val = v?.labels[key];
      return val === undefined ? UNLABELLED : colours.get(val)!;
    },
  };
}

/** Label keys worth colouring by: those some version carries, most used first. */
export function labelKeys(versions: readonly ModelVersion[]): string[] {
  const counts = new Map<string, number>();
  for (const v of versions) for (const k of Object.keys(v.labels)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}
