// Editing the create sheet's form. Pure state updates; the form survives failures and cancels.
import type { InspectedItem } from '../../../src-main/shared/ipc-contract.ts';
import type { MetaType } from '../metadata-parse.ts';
import { emptyForm, type CreateForm, type LabelRow, type MetaRow } from '../slices/create-slice.ts';
import { getState, setState } from '../store.ts';

let nextRow = 1;

function edit(patch: Partial<CreateForm>): void {
  const s = getState();
  if (s.createPhase !== 'editing') return; // read-only while copying
  setState({ form: { ...s.form, ...patch }, createNote: null });
}

export function setField<K extends 'name' | 'version' | 'module' | 'apiVersion'>(key: K, value: string): void {
  edit({ [key]: value });
}

export function setVersionMode(mode: 'auto' | 'custom'): void {
  edit({ versionMode: mode });
}

export function setUseContents(on: boolean): void {
  edit({ useContents: on });
}

/** Names that say nothing about the model: the folder around such a file names it better. */
const GENERIC = new Set(['model', 'models', 'weights', 'checkpoint', 'ckpt', 'pytorch_model', 'tf_model', 'flax_model', 'saved_model', 'model_final', 'final', 'best', 'last', 'output', 'export', 'data', 'artifacts', 'adapter_model']);

function cleanName(base: string): string {
  const cleaned = base.toLowerCase().replace(/[^a-z0-9._-]+/g, '_').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned.slice(0, 63).replace(/[^a-z0-9]+$/, '');
}

/** 'weights.tar.gz' -> 'weights', 'My Model (v2).pkl' -> 'My Model (v2)'; a folder keeps its name. */
function withoutExtension(fileName: string): string {
  return fileName.replace(/\.tar\.(gz|xz|bz2|zst)$/i, '').replace(/(?<=.)\.[A-Za-z0-9]{1,12}$/, '');
}

/**
 * A file or folder name -> a name BentoML accepts (a starting suggestion the user can change):
 * without its extension, made valid; a generic one ('model.safetensors', 'checkpoint/') takes the
 * name of the folder it is in.
 */
export function suggestName(fileName: string, opts: { folder?: string; isDirectory?: boolean } = {}): string {
  const own = cleanName(opts.isDirectory ? fileName : withoutExtension(fileName));
  const around = opts.folder ? cleanName(opts.folder) : '';
  if ((own === '' || GENERIC.has(own.replace(/[-.]/g, '_'))) && around !== '' && !GENERIC.has(around)) return around;
  return own;
}

/** The folder an item sits in, from its path (POSIX or Windows). */
const folderOf = (p: string): string => p.split(/[\\/]/).filter(Boolean).at(-2) ?? '';

export function addItems(items: readonly InspectedItem[]): void {
  const s = getState();
  if (s.createPhase !== 'editing') return;
  const known = new Set(s.form.items.map((i) => i.path));
  const merged = [...s.form.items, ...items.filter((i) => !known.has(i.path))];
  const first = merged[0];
  const name = s.form.name || (first ? suggestName(first.name, { folder: folderOf(first.path), isDirectory: first.kind === 'directory' }) : '');
  setState({ form: { ...s.form, items: merged, name }, createNote: null });
}

export function removeItem(path: string): void {
  edit({ items: getState().form.items.filter((i) => i.path !== path) });
}

export function addLabelRow(): number {
  const id = nextRow++;
  edit({ labels: [...getState().form.labels, { id, key: '', value: '' }] });
  return id;
}

export function updateLabel(id: number, patch: Partial<Omit<LabelRow, 'id'>>): void {
  edit({ labels: getState().form.labels.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
}

export function removeLabel(id: number): void {
  edit({ labels: getState().form.labels.filter((r) => r.id !== id) });
}

export function addMetaRow(type: MetaType = 'text'): number {
  const id = nextRow++;
  edit({ metadata: [...getState().form.metadata, { id, key: '', type, text: type === 'boolean' ? 'true' : '' }] });
  return id;
}

export function updateMeta(id: number, patch: Partial<Omit<MetaRow, 'id'>>): void {
  edit({
    metadata: getState().form.metadata.map((r) => {
      if (r.id !== id) return r;
      const next = { ...r, ...patch };
      // Switching to boolean needs a value the select can show.
      if (patch.type === 'boolean' && next.text !== 'true' && next.text !== 'false') return { ...next, text: 'true' };
      return next;
    }),
  });
}

export function removeMeta(id: number): void {
  edit({ metadata: getState().form.metadata.filter((r) => r.id !== id) });
}

export function resetForm(): void {
  setState({ form: emptyForm(), createError: null, createNote: null });
}
