// latest/: the `<name>/latest` pointer: read as BentoML reads it, resolved in memory, rewritten only by writers and repair.
export { readLatest, type LatestRead } from './latest-pointer.ts';
