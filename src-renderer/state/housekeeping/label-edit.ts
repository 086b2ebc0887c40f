// Editing a saved version's labels and metadata (model:edit), promoting a label (model:promote)
// and undoing an edit (model:undo-edit). The rows and their validation are the create sheet's.
import type { EditResult } from '../../../src-main/shared/edit-types.ts';
import type { Labels, Metadata, MetadataValue, ModelVersion } from '../../../src-main/shared/model-types.ts';
import { call } from '../bridge.ts';
import { checkLabels, checkMetadata } from '../create-form.ts';
import { notify, notifyError, UNDO_MS } from '../actions/notices.ts';
import { reload } from '../actions/store-actions.ts';
import { metaTypeOf, parseMetaValue, type MetaType } from '../metadata-parse.ts';
import type { LabelRow, MetaRow } from '../slices/create-slice.ts';
import { count } from '../format.ts';
import { hk, setHk } from './hk-store.ts';
import { putKey } from '../../../src-main/shared/own-key.ts';
import { notifyUndoRefused } from './undo-notice.ts';

// Far from the create sheet's row ids: both editors can be in the page, and element ids derive from row ids.
let nextRow = 1_000_000;

function valueText(value: MetadataValue, type: MetaType): string {
  if (type === 'text') return value as string;
  if (type === 'boolean') return value === true ? 'true' : 'false';
  if (type === 'date') return (value as { $date: string }).$date;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && '$float' in value) return String((value as { $float: string | number }).$float);
  if (type === 'number') return typeof value === 'number' || typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** The rows a version starts from; each remembers its text so unchanged rows are not sent. */
const original = new Map<number, { key: string; text: string; type: MetaType }>();

export function startEdit(v: ModelVersion): void {
  original.clear();
  const labels: LabelRow[] = Object.entries(v.labels).map(([key, value]) => ({ id: nextRow++, key, value }));
  const metadata: MetaRow[] = Object.entries(v.metadata).map(([key, value]) => {
    const type = metaTypeOf(value);
    const row = { id: nextRow++, key, type, text: valueText(value, type) };
    original.set(row.id, { key, text: row.text, type });
    return row;
  });
  setHk({ edit: { tag: v.tag, labels, metadata, saving: false, error: null } });
}

export function cancelEdit(): void {
  setHk({ edit: null });
}

function patchEdit(patch: Partial<{ labels: readonly LabelRow[]; metadata: readonly MetaRow[] }>): void {
  const e = hk().edit;
  if (e) setHk({ edit: { ...e, ...patch, error: null } });
}

/** The row operations the shared editors call (the create sheet's, on this form). */
export const editRowOps = {
  addLabel: (): number => {
    const id = nextRow++;
    patchEdit({ labels: [...(hk().edit?.labels ?? []), { id, key: '', value: '' }] });
    return id;
  },
  updateLabel: (id: number, patch: Partial<Omit<LabelRow, 'id'>>): void => {
    patchEdit({ labels: (hk().edit?.labels ?? []).map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  },
  removeLabel: (id: number): void => {
    patchEdit({ labels: (hk().edit?.labels ?? []).filter((r) => r.id !== id) });
  },
  addMeta: (): number => {
    const id = nextRow++;
    patchEdit({ metadata: [...(hk().edit?.metadata ?? []), { id, key: '', type: 'text', text: '' }] });
    return id;
  },
  updateMeta: (id: number, patch: Partial<Omit<MetaRow, 'id'>>): void => {
    patchEdit({
      metadata: (hk().edit?.metadata ?? []).map((r) => {
        if (r.id !== id) return r;
        const next = { ...r, ...patch };
        if (patch.type === 'boolean' && next.text !== 'true' && next.text !== 'false') return { ...next, text: 'true' };
        return next;
      }),
    });
  },
  removeMeta: (id: number): void => {
    patchEdit({ metadata: (hk().edit?.metadata ?? []).filter((r) => r.id !== id) });
  },
};

export interface EditCheck {
  readonly labelErrors: ReadonlyMap<number, string>;
  readonly metaErrors: ReadonlyMap<number, string>;
  readonly blocker: string | null;
  readonly labels: { set: Labels; unset: string[] };
  readonly metadata: { set: Metadata; unset: string[] };
  readonly changes: number;
}

export function checkEdit(v: ModelVersion, labelRows: readonly LabelRow[], metaRows: readonly MetaRow[]): EditCheck {
  const { errors: labelErrors, labels } = checkLabels(labelRows);
  const { errors: metaErrors } = checkMetadata(metaRows);
  const labelSet: Labels = {};
  // Own keys only: `__proto__` is a label like any other (own-key.ts).
  for (const [k, val] of Object.entries(labels)) if (!Object.hasOwn(v.labels, k) || v.labels[k] !== val) putKey(labelSet, k, val);
  const labelUnset = Object.keys(v.labels).filter((k) => !Object.hasOwn(labels, k));
  // Metadata: only rows whose key, type or text changed are sent, so values the editor cannot show
  // exactly (a big int, a float written 1.0, bytes) stay byte for byte as they are.
  const metaSet: Metadata = {};
  const kept = new Set<string>();
  for (const row of metaRows) {
    if (row.key.trim() === '' && row.text === '') continue;
    if (metaErrors.has(row.id)) continue;
    const was = original.get(row.id);
    if (was && was.key === row.key && was.text === row.text && was.type === row.type) {
      kept.add(row.key);
      continue;
    }
    const parsed = parseMetaValue(row.type, row.text);
    if (parsed.ok) {
      putKey(metaSet, row.key, parsed.value);
      kept.add(row.key);
    }
  }
  const metaUnset = Object.keys(v.metadata).filter((k) => !kept.has(k));
  const first = [...labelErrors.values()][0] ?? [...metaErrors.values()][0];
  const changes = Object.keys(labelSet).length + labelUnset.length + Object.keys(metaSet).length + metaUnset.length;
  const blocker = first ? `Fix this first: ${first}` : changes === 0 ? 'Nothing changed yet.' : null;
  return { labelErrors, metaErrors, blocker, labels: { set: labelSet, unset: labelUnset }, metadata: { set: metaSet, unset: metaUnset }, changes };
}

function undoAction(ids: readonly string[]) {
  return { label: 'Undo', run: () => void undoEdits(ids) };
}

export async function saveEdit(v: ModelVersion): Promise<void> {
  const e = hk().edit;
  if (!e || e.saving) return;
  const check = checkEdit(v, e.labels, e.metadata);
  if (check.blocker) return;
  setHk({ edit: { ...e, saving: true } });
  const result = await call('model:edit', { tag: v.tag, labels: check.labels, metadata: check.metadata });
  if (!result.ok) {
    const cur = hk().edit;
    if (cur) setHk({ edit: { ...cur, saving: false, error: result.error } });
    return;
  }
  setHk({ edit: null });
  const ids = result.value.undoId ? [result.value.undoId] : [];
  notify({
    kind: 'success',
    text: `Saved ${count(result.value.changes.length, 'change')} to ${v.tag}`,
    actions: ids.length ? [undoAction(ids)] : [],
    timeout: UNDO_MS,
  });
  await reload();
}

export async function promoteLabel(tag: string, key: string, value: string): Promise<void> {
  const result = await call('model:promote', { tag, labels: { [key]: value } });
  if (!result.ok) {
    notifyError('Promote', result.error);
    return;
  }
  const edits: readonly EditResult[] = result.value.edits;
  const ids = edits.flatMap((x) => (x.undoId ? [x.undoId] : []));
  const others = edits.filter((x) => x.tag !== tag).length;
  notify({
    kind: 'success',
    text: `${key}=${value} is now on ${tag}${others ? ` and was taken off ${count(others, 'other version')}` : ''}`,
    actions: ids.length ? [undoAction(ids)] : [],
    timeout: UNDO_MS,
  });
  await reload();
}

export async function undoEdits(ids: readonly string[]): Promise<void> {
  const result = await call('model:undo-edit', { ids });
  if (!result.ok) {
    if (notifyUndoRefused(result.error)) await reload();
    return;
  }
  notify({ kind: 'success', text: `Put back the labels and metadata of ${result.value.map((v) => v.tag).join(', ')}` });
  await reload();
}
