// Live validation of the create sheet: per-row reasons, the normalised tag, and the one-line
// reason Create is disabled. Pure so it is tested without a window.
import type { NewModelFields } from '../../src-main/shared/ipc-contract.ts';
import type { Labels, Metadata } from '../../src-main/shared/model-types.ts';
import { tagComponentProblems } from '../../src-main/shared/tag-rules.ts';
import { parseMetaValue } from './metadata-parse.ts';
import type { CreateForm, LabelRow, MetaRow } from './slices/create-slice.ts';

export interface FormCheck {
  readonly nameProblem: string | null;
  readonly versionProblem: string | null;
  /** row id -> reason */
  readonly labelErrors: ReadonlyMap<number, string>;
  readonly metaErrors: ReadonlyMap<number, string>;
  /** `name:version` as BentoML will store it (version '<automatic>' when generated). */
  readonly tagPreview: string;
  /** Why Create is disabled; null when the form can be committed. */
  readonly blocker: string | null;
  readonly args: NewModelFields | null;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function componentProblem(value: string, what: string): string | null {
  if (value.trim() === '') return `Enter a ${what}.`;
  if (value !== value.trim()) return `The ${what} cannot start or end with a space.`;
  const first = tagComponentProblems(value)[0];
  return first ? capitalize(first.replace("a tag's name or version", `the ${what}`)) + '.' : null;
}

const blankLabel = (r: LabelRow): boolean => r.key.trim() === '' && r.value === '';
const blankMeta = (r: MetaRow): boolean => r.key.trim() === '' && r.text === '' && r.type !== 'boolean';

export function checkLabels(rows: readonly LabelRow[]): { errors: Map<number, string>; labels: Labels } {
  const errors = new Map<number, string>();
  const labels: Labels = {};
  const seen = new Set<string>();
  for (const row of rows) {
    if (blankLabel(row)) continue;
    const key = row.key;
    if (key.trim() === '') errors.set(row.id, 'Enter a key for this label.');
    else if (key !== key.trim()) errors.set(row.id, 'A label key cannot start or end with a space.');
    else if (seen.has(key)) errors.set(row.id, `The key '${key}' is already used above.`);
    else labels[key] = row.value;
    seen.add(key);
  }
  return { errors, labels };
}

export function checkMetadata(rows: readonly MetaRow[]): { errors: Map<number, string>; metadata: Metadata } {
  const errors = new Map<number, string>();
  const metadata: Metadata = {};
  const seen = new Set<string>();
  for (const row of rows) {
    if (blankMeta(row)) continue;
    const key = row.key;
    if (key.trim() === '') {
      errors.set(row.id, 'Enter a key for this value.');
      continue;
    }
    if (seen.has(key)) {
      errors.set(row.id, `The key '${key}' is already used above.`);
      continue;
    }
    seen.add(key);
    const parsed = parseMetaValue(row.type, row.text);
    if (parsed.ok) metadata[key] = parsed.value;
    else errors.set(row.id, parsed.reason);
  }
  return { errors, metadata };
}

export function checkForm(form: CreateForm): FormCheck {
  const nameProblem = componentProblem(form.name, 'name');
  let versionProblem: string | null = null;
  if (form.versionMode === 'custom') {
    versionProblem = componentProblem(form.version, 'version');
    if (!versionProblem && form.version.toLowerCase() === 'latest') {
      versionProblem = "'latest' is reserved for the pointer to the newest version; choose another version.";
    }
  }
  const { errors: labelErrors, labels } = checkLabels(form.labels);
  const { errors: metaErrors, metadata } = checkMetadata(form.metadata);
  const name = form.name.trim().toLowerCase();
  const version = form.versionMode === 'custom' ? form.version.trim().toLowerCase() : '';
  const tagPreview = `${name || 'name'}:${version || '<automatic>'}`;

  let blocker: string | null = null;
  if (form.items.length === 0) blocker = 'Add files or a folder to put in the model.';
  else if (nameProblem) blocker = `Name: ${nameProblem}`;
  else if (versionProblem) blocker = `Version: ${versionProblem}`;
  else if (labelErrors.size > 0) blocker = fixLine(form.labels, labelErrors, 'Label', 'labels');
  else if (metaErrors.size > 0) blocker = fixLine(form.metadata, metaErrors, 'Metadata', 'metadata values');

  const args: NewModelFields | null = blocker
    ? null
    : {
        name,
        labels,
        metadata,
        ...(version ? { version } : {}),
        ...(form.module.trim() ? { module: form.module.trim() } : {}),
        ...(form.apiVersion.trim() ? { apiVersion: form.apiVersion.trim() } : {}),
      };
  return { nameProblem, versionProblem, labelErrors, metaErrors, tagPreview, blocker, args };
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** One bad row is named with its reason ("Label 2: the key 'owner' is already used above."); the
 * rows sit above the footer that shows this line. */
function fixLine(rows: readonly { id: number }[], errors: ReadonlyMap<number, string>, row: string, rowsWord: string): string {
  const [first] = errors;
  if (errors.size > 1 || !first) return `Fix the ${errors.size} ${rowsWord} marked above.`;
  const [id, reason] = first;
  const lowered = /^[A-Z][a-z]/.test(reason) ? reason.charAt(0).toLowerCase() + reason.slice(1) : reason;
  return `${row} ${rows.findIndex((r) => r.id === id) + 1}: ${lowered}`;
}
