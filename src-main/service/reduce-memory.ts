// Gives V8's idle memory back to the system after a burst of allocation that will not recur (the
// first scan of a 10,000-version store, issue 13).
//
// During a full scan much of what is allocated survives (the view keeps every version), so V8
// grows its young generation to the maximum (55-65 MB at 10,000 versions) and keeps those pages,
// empty, for the rest of the process: only a memory-reducing collection shrinks it. Chrome's
// renderers get one when the system is short of memory; Electron's main process is never told
// (nothing in Electron forwards memory pressure to its main isolate), so main asks for it itself.
// Measured with `bench/watcher-bench.ts` (docs/benchmarks.md, watcher memory).
//
// `gc` is reached the way Node's v8 documentation shows (`--expose-gc` set at run time, then a
// new context, which gets the `gc` extension). Electron's main process starts V8 with
// `--no-freeze-flags-after-init` (shell/browser/javascript_environment.cc), so the flag can be set
// there too. The flag is cleared again at once: `globalThis.gc` stays undefined, and contexts made
// later do not get the extension.
import v8 from 'node:v8';
import vm from 'node:vm';

type GcOptions = { type: 'major'; execution: 'sync'; flavor: 'last-resort' };
type Gc = (options: GcOptions) => void;

// The memory-reducing flavour (V8's LowMemoryNotification): full collections until nothing more
// is freed, then the young generation shrunk and the freed pages returned. A regular full
// collection keeps them pooled.
const REDUCING: GcOptions = { type: 'major', execution: 'sync', flavor: 'last-resort' };

/**
 * Below this the young generation is left alone: it is 7-8 MB once the service's modules are
 * loaded, 14 MB after a 1,000-version scan, 23 MB after 3,000 and 55-65 MB after 10,000
 * (bench/watcher-bench.ts); a collection that gives back a few MB is not worth its ~50 ms.
 */
export const YOUNG_GENERATION_KEPT_BYTES = 8 << 20;

let gc: Gc | null | undefined;

/** The young generation's resident pages (used or not), as V8 reports them. */
export function youngGenerationBytes(): number {
  let bytes = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space') bytes += space.physical_space_size;
  }
  return bytes;
}

function exposedGc(): Gc | null {
  if (gc !== undefined) return gc;
  const alreadyOn = typeof (globalThis as { gc?: unknown }).gc === 'function';
  try {
    if (!alreadyOn) v8.setFlagsFromString('--expose-gc');
    const found: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
    gc = typeof found === 'function' ? (found as Gc) : null;
  } catch {
    gc = null; // a V8 that refuses the flag: nothing is reclaimed, nothing else changes
  } finally {
    if (!alreadyOn) v8.setFlagsFromString('--no-expose-gc');
  }
  return gc;
}

/**
 * Runs V8's memory-reducing full collection when the young generation has grown past
 * YOUNG_GENERATION_KEPT_BYTES; it returns the young generation's idle pages (and any freed
 * old-generation pages) to the system. Synchronous (tens of milliseconds on the main thread at
 * 10,000 versions), so call it once after a burst, never per event. True when it collected.
 */
export function reduceMemory(): boolean {
  if (youngGenerationBytes() <= YOUNG_GENERATION_KEPT_BYTES) return false;
  const collect = exposedGc();
  if (!collect) return false;
  collect(REDUCING);
  return true;
}
