// What a model.yaml holds, as the reader returns it and the writer takes it. Its own module so
// the reader (model-yaml.ts) and the writer (model-yaml-write.ts) share it without importing
// each other.
import { ShelfError } from '../../shared/errors.ts';
import type { Labels, Metadata } from '../../shared/model-types.ts';
import { MODEL_SHELF_VERSION } from '../../shared/shelf-version.ts';
import { assertCreatableVersion, parseTag } from '../../shared/tag-rules.ts';
import { assertLabels, assertMetadata } from '../../shared/value-rules.ts';
import { formatCreationTime, parseCreationTime } from './creation-time.ts';

export interface ModelContext {
  framework_name: string;
  framework_versions: Record<string, string>;
  /** Absent when model.yaml has no such key (BentoML would then show its own version, §3.5). */
  bentoml_version?: string;
  python_version?: string;
}

/**
 * The context of a model Model Shelf creates. `bentoml_version` and `python_version` say which
 * BentoML and Python saved a model; neither did here, so both are '' (BentoML's own "unknown",
 * as in a bento's python_version), never a made-up version. No framework serialised anything
 * either, so framework_name is '' as in `bentoml.models.create`, and framework_versions names
 * the program that did save it. BentoML 1.0-1.4 read these as plain strings: only a push to
 * BentoCloud/Yatai sends bentoml_version on (README, "What a model's context means").
 */
export function shelfModelContext(): ModelContext {
  return { framework_name: '', framework_versions: { 'model-shelf': MODEL_SHELF_VERSION }, bentoml_version: '', python_version: '' };
}

export interface ModelInfo {
  name: string;
  version: string;
  module: string;
  labels: Labels;
  options: Record<string, unknown>;
  metadata: Metadata;
  context: ModelContext;
  signatures: Record<string, unknown>;
  api_version: string;
  creation_time: string;
  /** Top-level keys BentoML does not know; it ignores them and never rewrites the file (§10.4). */
  extra: Record<string, unknown>;
}

export interface NewModelInput {
  name: string;
  version: string;
  labels?: Labels;
  metadata?: Metadata;
  module?: string;
  apiVersion?: string;
  signatures?: Record<string, unknown>;
  options?: Record<string, unknown>;
  creationTime?: string;
}

/** A ModelInfo like `bentoml.models.create` writes (§3.3), validated. */
export function newModelInfo(input: NewModelInput): ModelInfo {
  if (input.name.includes(':')) throw new ShelfError('INVALID_TAG', `Model name '${input.name}' must not contain ':'. Give the version separately.`);
  const { name } = parseTag(input.name);
  const version = assertCreatableVersion(input.version);
  const time = input.creationTime === undefined ? null : parseCreationTime(input.creationTime);
  if (time !== null && !time.aware) throw new ShelfError('INVALID_ARGUMENT', `creation time '${input.creationTime}' has no UTC offset; BentoML cannot sort it next to other models.`);
  if (input.creationTime !== undefined && time === null) throw new ShelfError('INVALID_ARGUMENT', `creation time '${input.creationTime}' is not an ISO date and time.`);
  return {
    name,
    version,
    module: input.module ?? '',
    labels: assertLabels(input.labels ?? {}),
    options: input.options ?? {},
    metadata: assertMetadata(input.metadata ?? {}),
    context: shelfModelContext(),
    signatures: input.signatures ?? {},
    api_version: input.apiVersion ?? 'v1',
    creation_time: input.creationTime ?? formatCreationTime(),
    extra: {},
  };
}
