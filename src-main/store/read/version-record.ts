import type { ModelVersion } from '../../shared/model-types.ts';
import { parseCreationTime } from '../yaml/creation-time.ts';
import { dirSize } from './dir-size.ts';
import type { ModelInfo } from '../yaml/model-yaml.ts';

type LoadedFields = Pick<ModelVersion, 'tag' | 'name' | 'version' | 'status' | 'module' | 'apiVersion' | 'labels' | 'metadata' | 'creationTime' | 'creationTimeMs'>;

/**
 * The ModelVersion fields that come from a readable model.yaml (status 'ok'); the scan and the
 * writers both use it. `ms` is creation_time in epoch ms when the caller has already parsed it.
 */
export function okVersionFields(info: ModelInfo, ms = parseCreationTime(info.creation_time)?.ms): LoadedFields {
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
    creationTimeMs: ms ?? Number.NaN,
  };
}

/** The ModelVersion of a version Model Shelf has just written (it is complete by construction). */
export async function versionRecord(info: ModelInfo, dir: string, latest: boolean): Promise<ModelVersion> {
  return { ...okVersionFields(info), size: await dirSize(dir), latest, path: dir };
}
