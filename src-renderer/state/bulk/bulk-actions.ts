// Bulk actions on the versions the bulk bar counts (bulk-scope.ts): export into one folder, move to
// the trash (the delete dialog), relabel, push. Each long one is one task with "k of N" progress
// and Cancel; each ends with one notice that says what happened to every version.
import type { BulkExportResult, BulkFailure } from '../../../src-main/shared/ipc-contract-bulk.ts';
import { call } from '../bridge.ts';
import { describeError } from '../error-words.ts';
import { count } from '../format.ts';
import { requestDelete } from '../actions/delete.ts';
import { revealInStore } from '../actions/fix.ts';
import { notify, notifyError, UNDO_MS } from '../actions/notices.ts';
import { reload } from '../actions/store-actions.ts';
import { endTask, startTask } from '../actions/tasks.ts';
import { pushTags } from '../remote/remote-actions.ts';
import { getRemote } from '../remote/remote-store.ts';
import { getState, setState } from '../store.ts';
import { selectBulkScope, selectMatching } from './bulk-scope.ts';
import { emptyRow, getBulk, setBulk, type RelabelRow } from './bulk-store.ts';
import { relabelRequest } from './relabel-form.ts';
import { notifyUndoRefused } from '../housekeeping/undo-notice.ts';

const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

/** The versions the bar acts on now (never one the search hides). */
export const bulkTags = (): readonly string[] => selectBulkScope(getState()).tags;

/** "Select all N matching the filter": ticks every version of every model the list shows. */
export function selectAllMatching(): void {
  const { tags } = selectMatching(getState());
  if (tags.length === 0) return;
  setState({ marked: [...tags] });
}

export function clearBulk(): void {
  const s = getState();
  setState({ marked: null, selectedTags: s.activeTag ? [s.activeTag] : [] });
}

/** The first failure's sentence, and how many more there were. */
function failureWords(failed: readonly BulkFailure[]): string {
  const first = failed[0];
  if (!first) return '';
  const more = failed.length > 1 ? ` (and ${count(failed.length - 1, 'other')})` : '';
  return `${first.tag}: ${first.error.message || describeError(first.error).headline}${more}`;
}

/** The notice after a bulk export: written, left alone (name taken), failed, cancelled. */
export function exportSentences(r: BulkExportResult, asked: number): { text: string; detail: string } {
  const where = baseName(r.folder);
  const text = r.cancelled && r.written.length === 0
    ? 'Export cancelled; nothing was written'
    : r.cancelled
    ? `Export cancelled after ${r.written.length} of ${asked} versions`
    : r.written.length === asked
      ? `Exported ${count(asked, 'version')} to ${where}`
      : `Exported ${r.written.length} of ${asked} versions to ${where}`;
  const parts: string[] = [];
  if (r.cancelled && r.written.length > 0) parts.push(`${r.written.length === 1 ? 'The archive already written stays' : `The ${r.written.length} archives already written stay`} in ${where}.`);
  if (r.taken.length > 0) parts.push(`${count(r.taken.length, 'version')} not written: ${r.taken.length === 1 ? 'a file with its name is' : 'files with their names are'} already in the folder, and ${r.taken.length === 1 ? 'it was' : 'they were'} left as ${r.taken.length === 1 ? 'it was' : 'they were'}.`);
  if (r.failed.length > 0) parts.push(`Not exported: ${failureWords(r.failed)}`);
  return { text, detail: parts.join(' ') };
}

export async function exportMany(tags: readonly string[] = bulkTags()): Promise<void> {
  if (tags.length === 0) return;
  const list = [...tags];
  const taskId = startTask('export', `Exporting ${count(list.length, 'version')}`, list);
  const result = await call('models:export-many', { taskId, tags: list });
  endTask(taskId);
  if (!result.ok) {
    notifyError(`Export of ${count(list.length, 'version')}`, result.error);
    return;
  }
  const r = result.value;
  if (!r) return; // the folder dialog was cancelled
  const { text, detail } = exportSentences(r, list.length);
  const first = r.written[0]?.path ?? r.taken[0]?.path;
  const ok = !r.cancelled && r.failed.length === 0;
  notify({
    kind: ok ? 'success' : r.cancelled || r.written.length > 0 ? 'info' : 'error',
    text,
    ...(detail ? { detail } : {}),
    actions: first ? [{ label: 'Reveal', run: () => void revealInStore(first) }] : [],
    timeout: ok || (r.cancelled && r.failed.length === 0) ? 10_000 : 0,
  });
}

/** The delete dialog (it warns about writers, bentos and models that go whole) for these versions. */
export function deleteMany(tags: readonly string[] = bulkTags()): Promise<void> {
  return requestDelete('versions', tags);
}

/** One remote: push straight away; several: the picker asks which. */
export function pushMany(tags: readonly string[] = bulkTags(), remote?: string): void {
  if (tags.length === 0) return;
  const remotes = getRemote().remotes;
  const target = remote ?? (remotes.length === 1 ? remotes[0]?.name : undefined);
  if (target) void pushTags(target, [...tags]);
  else setBulk({ pushing: [...tags] });
}

export function openRelabel(tags: readonly string[] = bulkTags()): void {
  if (tags.length === 0) return;
  setBulk({ relabel: [...tags], rows: [emptyRow()], relabelBusy: false });
}

export function closeRelabel(): void {
  setBulk({ relabel: null, relabelBusy: false });
}

export function setRelabelRow(index: number, patch: Partial<RelabelRow>): void {
  setBulk({ rows: getBulk().rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
}

export function addRelabelRow(): void {
  setBulk({ rows: [...getBulk().rows, emptyRow()] });
}

export function removeRelabelRow(index: number): void {
  const rows = getBulk().rows.filter((_, i) => i !== index);
  setBulk({ rows: rows.length > 0 ? rows : [emptyRow()] });
}

async function undoRelabel(ids: readonly string[]): Promise<void> {
  const result = await call('model:undo-edit', { ids });
  if (!result.ok) {
    if (notifyUndoRefused(result.error)) await reload();
    return;
  }
  notify({ kind: 'success', text: `Put back the labels of ${count(result.value.length, 'version')}` });
  await reload();
}

export async function applyRelabel(): Promise<void> {
  const { relabel: tags, rows, relabelBusy } = getBulk();
  if (!tags || relabelBusy) return;
  const check = relabelRequest(rows);
  if (!check.ok) return;
  setBulk({ relabelBusy: true });
  const result = await call('models:relabel', { tags, labels: check.request });
  closeRelabel();
  if (!result.ok) {
    notifyError(`Relabelling ${count(tags.length, 'version')}`, result.error);
    return;
  }
  const { edited, unchanged, failed } = result.value;
  const ids = edited.flatMap((e) => (e.undoId ? [e.undoId] : []));
  const text = edited.length === tags.length ? `Relabelled ${count(tags.length, 'version')}` : `Relabelled ${edited.length} of ${tags.length} versions`;
  const parts: string[] = [];
  if (unchanged.length > 0) parts.push(`${count(unchanged.length, 'version')} already had ${unchanged.length === 1 ? 'these labels' : 'these labels'}.`);
  if (failed.length > 0) parts.push(`Not changed: ${failureWords(failed)}`);
  notify({
    kind: failed.length > 0 ? (edited.length > 0 ? 'info' : 'error') : 'success',
    text,
    ...(parts.length ? { detail: parts.join(' ') } : {}),
    actions: ids.length > 0 ? [{ label: 'Undo', run: () => void undoRelabel(ids) }] : [],
    timeout: failed.length > 0 ? 0 : UNDO_MS,
  });
  await reload();
}
