// Several commands run in turn (a, b, c, a, b, c, ...) after one warm-up round, so that an old and
// a new build are measured against the same floor under the same moment's load (issue 13: "before"
// and "after" from one run). Used with side-by-side.ts's report() for each pair.
import { runOnce, type Sample, type Side } from './side-by-side.ts';

export function roundRobin(sides: readonly Side[], runs: number): Sample[][] {
  for (const side of sides) runOnce(side);
  const out = sides.map(() => [] as Sample[]);
  for (let i = 0; i < runs; i++) sides.forEach((side, j) => (out[j] as Sample[]).push(runOnce(side)));
  return out;
}

/** The pairs to report for [new, old?, floor]: new/floor, old/floor and new/old when an old build is given. */
export function pairs<T>(now: T, old: T | undefined, floor: T): [T, T][] {
  return old === undefined ? [[now, floor]] : [[now, floor], [old, floor], [now, old]];
}
