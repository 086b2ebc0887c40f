import { humanSize } from './human-size.ts';

/**
 * The largest model.yaml Model Shelf writes, imports or reads in a scan: 256 KiB.
 *
 * BentoML 1.4 reads every model.yaml of the store with PyYAML's pure-Python `yaml.safe_load`
 * (ModelInfo.from_yaml_file) on each `bentoml models list`, `bentoml.models.list()` and `get`.
 * Measured with BentoML 1.4.40 on the 2-core build machine (docs/benchmarks.md, "model.yaml size
 * and BentoML"; `node bench/model-yaml-size-bench.ts`), CPU seconds `bentoml.models.list()`
 * spends on ONE model.yaml, slowest shape (many small keys) / one long string:
 *   64 KiB 0.12 / 0.03 · 256 KiB 0.54 / 0.07 · 1 MiB 2.2 / 0.34 · 4 MiB 9.4 / 2.1 ·
 *   16 MiB 39 / 26 · 48 MiB string 209 s (the 50 MB one: over 300 s for the whole CLI).
 * `bentoml models get` costs 2-4x more (it prints the file through rich's highlighter).
 * At 256 KiB the whole `bentoml models list` stays near 1 s per such model (1.2 s with the
 * 0.7 s start-up); at 1 MiB it is 2.8 s and `get` 7.8 s. 256 KiB is also far beyond real
 * metadata: BentoML's own model.yaml is 1-2 KiB and 1,000 class names take ~20 KiB.
 */
export const MAX_MODEL_YAML_BYTES = 256 * 1024;

/** `humanSize` of the cap, for sentences: "256.00 KiB". */
export const MAX_MODEL_YAML_TEXT = humanSize(MAX_MODEL_YAML_BYTES);

/** What BentoML spends on a model.yaml of `bytes` in each listing, by the figures above (slowest shape up to 4 MiB ~10 s, up to 16 MiB ~40 s). */
export function bentomlListCost(bytes: number): string {
  if (bytes <= 4 * 1024 * 1024) return 'seconds';
  if (bytes <= 16 * 1024 * 1024) return 'tens of seconds';
  return 'minutes';
}
