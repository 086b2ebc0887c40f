import { isDeepStrictEqual } from 'node:util';
import { ShelfError } from '../../shared/errors.ts';
import { humanSize } from '../../shared/human-size.ts';
import type { Labels, Metadata } from '../../shared/model-types.ts';
import { MAX_MODEL_YAML_BYTES, MAX_MODEL_YAML_TEXT } from '../../shared/model-yaml-cap.ts';
import { parseModelYaml, serializeModelYaml, type ModelInfo } from '../yaml/model-yaml.ts';
import { spliceEntries, spliceTopLevel, type EntryEdits } from './yaml-splice.ts';

// The new model.yaml of an edit: the old text with only `labels:` and/or `metadata:` replaced
// (yaml-splice.ts). The result is read back with the same PyYAML rules as every model.yaml: every
// other field must read exactly as before, the edited ones as a complete file written by the
// create path reads them. When the splice cannot promise that (an alias into the replaced block,
// a file laid out in a way it does not handle), the whole file is written the way a create writes
// it: every field keeps its value, only the formatting becomes the writer's.

export interface NewFields {
  readonly labels?: Labels;
  readonly metadata?: Metadata;
}

/** The same edit as entries set and removed (for the entry-by-entry splice). */
export interface FieldEdits {
  readonly labels?: EntryEdits;
  readonly metadata?: EntryEdits;
}

function tryParse(text: string): ModelInfo | null {
  try {
    return parseModelYaml(text);
  } catch {
    return null;
  }
}

function refuseOversized(tag: string, text: string): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_MODEL_YAML_BYTES) return text;
  throw new ShelfError(
    'INVALID_METADATA',
    `The edit would make the model.yaml of '${tag}' ${humanSize(bytes)}, over Model Shelf's cap of ${MAX_MODEL_YAML_TEXT} (BentoML reads every model.yaml on each listing), so nothing was changed; keep large data in a file of the model instead.`,
    { details: { bytes, cap: MAX_MODEL_YAML_BYTES } },
  );
}

export interface EditedYaml {
  readonly text: string;
  /** The file as it now reads (labels and metadata as BentoML will load them). */
  readonly info: ModelInfo;
  /** True when every byte outside the edited entries is the old file's. */
  readonly surgical: boolean;
}

/** The ways to write the edit, finest first: entry by entry, then whole `labels:`/`metadata:` entries. */
function splices(text: string, fields: NewFields, edits: FieldEdits): (string | null)[] {
  const fine = (['labels', 'metadata'] as const).reduce<string | null>((out, field) => {
    const edit = edits[field];
    return out === null || edit === undefined ? out : spliceEntries(out, field, edit);
  }, text);
  const coarse = (['labels', 'metadata'] as const).reduce<string | null>((out, field) => {
    const value = fields[field];
    return out === null || value === undefined ? out : spliceTopLevel(out, field, value);
  }, text);
  return [fine, coarse];
}

/** The edited file's text; INTERNAL when no way of writing it reads back right (nothing is written then). */
export function editedModelYaml(tag: string, text: string, before: ModelInfo, fields: NewFields, edits: FieldEdits = {}): EditedYaml {
  const whole = serializeModelYaml({ ...before, ...fields });
  const canonical = tryParse(whole);
  if (canonical === null) throw new ShelfError('INTERNAL', `The new model.yaml of '${tag}' could not be read back, so nothing was changed. Please report this.`);
  // What the untouched fields read as, with the edited ones as a fresh file reads them.
  const expected: ModelInfo = { ...before, ...(fields.labels ? { labels: canonical.labels } : {}), ...(fields.metadata ? { metadata: canonical.metadata } : {}) };
  for (const spliced of splices(text, fields, edits)) {
    const info = spliced === null ? null : tryParse(spliced);
    if (spliced !== null && info !== null && isDeepStrictEqual(info, expected)) return { text: refuseOversized(tag, spliced), info, surgical: true };
  }
  if (!isDeepStrictEqual(canonical, expected)) {
    throw new ShelfError('INTERNAL', `The new model.yaml of '${tag}' would not keep its other fields exactly, so nothing was changed. Please report this.`);
  }
  return { text: refuseOversized(tag, whole), info: canonical, surgical: false };
}
