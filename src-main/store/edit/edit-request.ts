import type { EditField } from '../../shared/edit-types.ts';
import { ShelfError } from '../../shared/errors.ts';
import type { MetadataValue } from '../../shared/model-types.ts';
import { assertLabels, assertMetadata, keyProblem } from '../../shared/value-rules.ts';

// What an edit asks for, checked before the store is touched: the same rules as a create
// (value-rules.ts: one rule for keys and values at every entry point), plus the contradictions
// only an edit can have. A refusal is one sentence and nothing is changed.

export type { EditField } from '../../shared/edit-types.ts';

export interface FieldEdit<V> {
  /** Keys to set, in the order given (each key at most once). */
  readonly set?: readonly (readonly [string, V])[];
  readonly unset?: readonly string[];
}

export interface EditRequest {
  readonly labels?: FieldEdit<string>;
  readonly metadata?: FieldEdit<MetadataValue>;
}

const WORD: Record<EditField, { one: string }> = {
  labels: { one: 'label' },
  metadata: { one: 'metadata key' },
};

function checkField<V>(field: EditField, edit: FieldEdit<V> | undefined): void {
  if (edit === undefined) return;
  const { one } = WORD[field];
  const code = field === 'labels' ? 'INVALID_LABELS' : 'INVALID_METADATA';
  const seen = new Set<string>();
  for (const key of [...(edit.set ?? []).map(([k]) => k), ...(edit.unset ?? [])]) {
    const problem = keyProblem(field, key);
    if (problem !== null) throw new ShelfError(code, problem, { details: { path: key } });
  }
  for (const [key] of edit.set ?? []) {
    if (seen.has(key)) throw new ShelfError('INVALID_ARGUMENT', `The ${one} '${key}' is set twice; give each key once.`, { details: { path: key } });
    seen.add(key);
  }
  const unset = new Set<string>();
  for (const key of edit.unset ?? []) {
    if (seen.has(key)) throw new ShelfError('INVALID_ARGUMENT', `The ${one} '${key}' is both set and unset; give it once, with --set or with --unset.`, { details: { path: key } });
    unset.add(key);
  }
  const values = Object.fromEntries(edit.set ?? []);
  if (field === 'labels') assertLabels(values);
  else assertMetadata(values);
}

/** Refuses (one sentence) a request no store could carry out; nothing has been touched yet. */
export function checkEditRequest(request: EditRequest): void {
  const empty = (e: FieldEdit<unknown> | undefined): boolean => (e?.set?.length ?? 0) + (e?.unset?.length ?? 0) === 0;
  if (empty(request.labels) && empty(request.metadata)) {
    throw new ShelfError('INVALID_ARGUMENT', 'Nothing to change: give at least one --set KEY=VALUE or --unset KEY.');
  }
  checkField('labels', request.labels);
  checkField('metadata', request.metadata);
}
