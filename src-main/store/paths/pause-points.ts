// Some window tests must act while long work is under way (Cancel during a verify), and a busy
// machine makes "it will still be running when the click lands" a race. Like crash-points.ts, a
// long loop names the moment worth holding it at; a test in the same process holds it there until
// it has acted, so nothing depends on speed. Outside tests nothing is held and a pause point costs
// one Map lookup.

/** The named moments, one per loop a test holds. */
export type PausePoint =
  /** integrity/hash-file.ts: one chunk of a file was hashed and reported, the next not yet read. */
  'hash-chunk';

const holds = new Map<PausePoint, { reached: () => void; released: Promise<void> }>();

/** In the worker: wait here while a test holds `name` (nothing to wait for otherwise). */
export function pausePoint(name: PausePoint): Promise<void> | undefined {
  const hold = holds.get(name);
  if (hold === undefined) return undefined;
  hold.reached();
  return hold.released;
}

/** For tests in the same process: hold the next worker that reaches `name` until `release()`. */
export function holdAt(name: PausePoint): { reached: Promise<void>; release: () => void } {
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  holds.set(name, { reached, released });
  return {
    reached: reachedP,
    release: () => {
      holds.delete(name);
      release();
    },
  };
}
