import { humanSize } from './human-size.ts';

/**
 * The largest model.yaml Model Shelf writes, imports or reads in a scan: 256 KiB.
 *
 * BentoML 1.4 reads every model.yaml of the store with PyYAML's pure-Python `yaml.safe_load`
 * (ModelInfo.from_yaml_file) on each `bentoml models list`, `bentoml.models.list()` and `get`,
 * and that cost grows faster than the file (docs/benchmarks.md, "model.yaml size and BentoML";
 * `node bench/model-yaml-size-bench.ts`). Measured on the 2-core build machine, per model.yaml:
 * at 256 KiB `bentoml.models.list()` spends at most ~0.5 s (many small keys, the slowest shape;
 * 0.1 s for one long string); at 1 MiB up to ~3 s, at 4 MiB up to ~11 s, at 16 MiB tens of
 * seconds to minutes, and a 50 MB one did not finish in 300 s. 256 KiB keeps each model under
 * about half a second of everybody's `list` while leaving room far beyond real metadata (a model
 * saved by BentoML has a model.yaml of 1-2 KiB; 1,000 class names are ~20 KiB).
 */
export const MAX_MODEL_YAML_BYTES = 256 * 1024;

/** `humanSize` of the cap, for sentences: "256.00 KiB". */
export const MAX_MODEL_YAML_TEXT = humanSize(MAX_MODEL_YAML_BYTES);

/** What BentoML spends on a model.yaml of `bytes` in each listing (the measured brackets above). */
export function bentomlListCost(bytes: number): string {
  if (bytes <= 4 * 1024 * 1024) return 'seconds';
  if (bytes <= 16 * 1024 * 1024) return 'tens of seconds';
  return 'minutes';
}
