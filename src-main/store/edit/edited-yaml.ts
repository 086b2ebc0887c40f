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

/** The field a refusal is about: the one edited, or of two the one whose new value is the larger. */
function grownField(fields: NewFields): 'INVALID_LABELS' | 'INVALID_METADATA' {
  if (fields.labels === undefined) return 'INVALID_METADATA';
  if (fields.metadata === undefined) return 'INVALID_LABELS';
  return JSON.stringify(fields.labels).length > JSON.stringify(fields.metadata).length ? 'INVALID_LABELS' : 'INVALID_METADATA';
}

function refuseOversized(tag: string, text: string, fields: NewFields): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_MODEL_YAML_BYTES) return text;
  throw new ShelfError(
    grownField(fields),
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

type Field = 'labels' | 'metadata';
const FIELDS: readonly Field[] = ['labels', 'metadata'];

/**
 * What an edited field must read as: entry by entry, an untouched entry as it read before (its
 * own bytes stay) and a set one as a fresh file reads it; written whole, every entry as a fresh
 * file reads it.
 */
function expectedField(field: Field, before: ModelInfo, canonical: ModelInfo, edit: EntryEdits | undefined): Record<string, unknown> {
  if (edit === undefined) return canonical[field];
  const set = new Set(edit.set.map(([k]) => k));
  const was = before[field] as Record<string, unknown>;
  const now = canonical[field] as Record<string, unknown>;
  return Object.fromEntries(Object.keys(now).map((k) => [k, set.has(k) || !Object.hasOwn(was, k) ? now[k] : was[k]]));
}

/** The edited file's text; INTERNAL when no way of writing it reads back right (nothing is written then). */
export function editedModelYaml(tag: string, text: string, before: ModelInfo, fields: NewFields, edits: FieldEdits = {}): EditedYaml {
  const rewritten = serializeModelYaml({ ...before, ...fields });
  const canonical = tryParse(rewritten);
  if (canonical === null) throw new ShelfError('INTERNAL', `The new model.yaml of '${tag}' could not be read back, so nothing was changed. Please report this.`);
  const edited = FIELDS.filter((f) => fields[f] !== undefined);
  // The untouched fields read exactly as before; the edited ones as expectedField says.
  const expected = (fine: ReadonlySet<Field>): ModelInfo => ({
    ...before,
    ...Object.fromEntries(edited.map((f) => [f, fine.has(f) ? expectedField(f, before, canonical, edits[f]) : canonical[f]])),
  });
  // Finest first: each field entry by entry where its layout allows, else its whole entry; then
  // every edited field as a whole entry; then (below) the whole file.
  const mixed = (): [string | null, Set<Field>] => {
    const fine = new Set<Field>();
    let out: string | null = text;
    for (const f of edited) {
      if (out === null) break;
      const edit = edits[f];
      const entries: string | null = edit === undefined ? null : spliceEntries(out, f, edit);
      if (entries !== null) fine.add(f);
      out = entries ?? spliceTopLevel(out, f, fields[f]);
    }
    return [out, fine];
  };
  const whole = (): [string | null, Set<Field>] => [edited.reduce<string | null>((out, f) => (out === null ? null : spliceTopLevel(out, f, fields[f])), text), new Set()];
  for (const way of [mixed, whole]) {
    const [spliced, fine] = way();
    const info = spliced === null ? null : tryParse(spliced);
    if (spliced !== null && info !== null && isDeepStrictEqual(info, expected(fine))) return { text: refuseOversized(tag, spliced, fields), info, surgical: true };
  }
  if (!isDeepStrictEqual(canonical, expected(new Set()))) {
    throw new ShelfError('INTERNAL', `The new model.yaml of '${tag}' would not keep its other fields exactly, so nothing was changed. Please report this.`);
  }
  return { text: refuseOversized(tag, rewritten, fields), info: canonical, surgical: false };
}
