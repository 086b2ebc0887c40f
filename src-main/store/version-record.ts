import type { ModelVersion } from '../shared/model-types.ts';
import { parseCreationTime } from './creation-time.ts';
import { dirSize } from './dir-size.ts';
import type { ModelInfo } from './model-yaml.ts';

/** The ModelVersion of a version Model Shelf has just written (it is complete by construction). */
export async function versionRecord(info: ModelInfo, dir: string, latest: boolean): Promise<ModelVersion> {
  return {
    tag: `${info.name}:${info.version}`,
    name: info.name,
    version: info.version,
    status: 'ok',
    module: info.module,
    apiVersion: info.api_version,
    labels: info.labels,
    metadata: info.metadata,
    creationTime: info.creation_time,
    creationTimeMs: parseCreationTime(info.creation_time)?.ms ?? Number.NaN,
    size: await dirSize(dir),
    latest,
    path: dir,
  };
}
