import { humanSize } from '../shared/human-size.ts';
import type { ModelVersion } from '../shared/model-types.ts';

/** The `--json` shape of one version (list and get). */
export function versionJson(v: ModelVersion): Record<string, unknown> {
  return {
    tag: v.tag,
    name: v.name,
    version: v.version,
    module: v.module,
    labels: v.labels,
    metadata: v.metadata,
    creation_time: v.creationTime,
    size: v.size,
    size_human: humanSize(v.size),
    latest: v.latest,
    status: v.status,
    problem: v.problem ?? null,
    path: v.path,
  };
}
