// Import, export, and what happens to dropped or picked paths.
import type { InspectedItem } from '../../../src-main/shared/ipc-contract.ts';
import { call, pathForFile } from '../bridge.ts';
import { selectActionable } from '../selectors.ts';
import { getState, setState } from '../store.ts';
import { copyText, pythonSnippet } from './clipboard.ts';
import { addItems } from './create-form-edit.ts';
import { openCreate } from './create-model.ts';
import { notify, notifyError } from './notices.ts';
import { revealInStore } from './fix.ts';
import { reveal } from './selection.ts';
import { endTask, startTask } from './tasks.ts';
import { dedupOption } from '../housekeeping/settings.ts';

const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

export async function exportActive(): Promise<void> {
  const tag = selectActionable(getState()).tag;
  if (!tag) {
    notify({ kind: 'info', text: 'Select a version to export.' });
    return;
  }
  const taskId = startTask('export', `Exporting ${tag}`);
  const result = await call('models:export', { taskId, tag });
  endTask(taskId);
  if (!result.ok) notifyError(`Export of ${tag}`, result.error);
  else if (result.value) {
    const file = result.value.path;
    notify({ kind: 'success', text: `Exported ${tag}`, detail: `as ${baseName(file)} (Reveal shows where)`, actions: [{ label: 'Reveal', run: () => void revealInStore(file) }], timeout: 8_000 });
  }
}

/** models:import; without paths main shows its open dialog. */
export async function importFiles(paths?: readonly string[]): Promise<void> {
  const label = paths?.length === 1 ? `Importing ${baseName(paths[0] ?? '')}` : paths ? `Importing ${paths.length} files` : 'Importing';
  const taskId = startTask('import', label);
  const result = await call('models:import', paths ? { taskId, paths, ...dedupOption() } : { taskId, ...dedupOption() });
  endTask(taskId);
  if (!result.ok) {
    // Already in the store: say which version, with the way to it, and the store's path shortened.
    const existing = result.error.code === 'ALREADY_EXISTS' ? /Model '([^':\s]+:[^'\s]+)'/.exec(result.error.message)?.[1] : undefined;
    if (existing) {
      notify({
        kind: 'error',
        text: `Import failed: ${existing} is already in this store.`,
        detail: 'Delete it first, or keep the one you have.',
        actions: [
          { label: 'Show', run: () => reveal(existing) },
          { label: 'Reveal', run: () => void revealInStore(`models/${existing.replace(':', '/')}`) },
        ],
      });
    } else notifyError('Import', result.error);
    return;
  }
  const imported = result.value;
  const first = imported[0];
  if (!first) return; // the dialog was cancelled
  reveal(first.tag);
  notify({
    kind: 'success',
    text: imported.length === 1 ? `Imported ${first.tag}` : `Imported ${imported.length} models`,
    actions: [
      { label: 'Show', run: () => reveal(first.tag) },
      { label: 'Copy Python', run: () => void copyText(pythonSnippet(first.tag), 'the Python snippet') },
    ],
    timeout: 10_000,
  });
}

const importable = (i: InspectedItem): boolean => i.isArchive || i.hasModelYaml;

/** Dropped or picked paths: saved models are offered as an import, anything else goes to the create sheet. */
export async function handlePaths(paths: readonly string[]): Promise<void> {
  const usable = paths.filter((p) => p !== '');
  if (usable.length === 0) {
    notify({ kind: 'error', text: 'Nothing to add', detail: 'Drop files or folders from your file manager; text and links cannot become a model.' });
    return;
  }
  const result = await call('paths:inspect', { paths: usable });
  if (!result.ok) {
    notifyError('Adding files', result.error);
    return;
  }
  const items = result.value;
  const s = getState();
  if (s.createOpen) addItems(items);
  else if (items.length > 0 && items.every(importable)) setState({ importOffer: items });
  else openCreate(items);
}

export function handleFiles(files: readonly File[]): Promise<void> {
  return handlePaths(files.map((f) => pathForFile(f)));
}

/** `<input webkitdirectory>` gives the files inside; the folder is the first file's path minus its relative part. */
export function folderFromPicked(files: readonly File[]): string {
  const file = files[0];
  if (!file) return '';
  const full = pathForFile(file);
  const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
  const depth = rel.split('/').length - 1;
  if (!full || depth < 1) return '';
  const parts = full.split(/([\\/])/);
  // parts alternates name, separator, name...; drop `depth` trailing names with their separators.
  return parts.slice(0, parts.length - depth * 2).join('');
}

export function acceptImportOffer(): void {
  const offer = getState().importOffer;
  setState({ importOffer: null });
  if (offer) void importFiles(offer.map((i) => i.path));
}

export function declineImportOffer(asFiles: boolean): void {
  const offer = getState().importOffer;
  setState({ importOffer: null });
  if (offer && asFiles) openCreate(offer);
}
