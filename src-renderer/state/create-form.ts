// Live validation of the create sheet: per-row reasons, the normalised tag, and the one-line
// reason Create is disabled. Pure so it is tested without a window.
import type { NewModelFields } from '../../src-main/shared/ipc-contract.ts';
import type { Labels, Metadata } from '../../src-main/shared/model-types.ts';
import { TAG_RULE_TEXT, tagComponentProblems } from '../../src-main/shared/tag-rules.ts';
import { keyProblem } from '../../src-main/shared/value-rules.ts';
import { parseMetaValue } from './metadata-parse.ts';
import type { CreateForm, LabelRow, MetaRow } from './slices/create-slice.ts';
import { putKey } from '../../src-main/shared/own-key.ts';

export interface FormCheck {
  readonly nameProblem: string | null;
  readonly versionProblem: string | null;
  /** row id -> reason */
  readonly labelErrors: ReadonlyMap<number, string>;
  readonly metaErrors: ReadonlyMap<number, string>;
  /** `name:version` as BentoML will store it (version '<automatic>' when generated). */
  readonly tagPreview: string;
  /** Why Create is disabled (the first reason); null when the form can be committed. */
  readonly blocker: string | null;
  /** Every reason, one line each, in the order of the form (the footer lists them all). */
  readonly blockers: readonly string[];
  readonly args: NewModelFields | null;
}

/** The name rule in the one wording the sheet uses (under the field, in errors, in the footer). */
export const NAME_RULE = `Use ${TAG_RULE_TEXT}.`;

const OK_CHAR = /[a-z0-9._-]/;
const OK_END = /[a-z0-9]/;

/** What is wrong with a name or version, then the rule: "'!' is not allowed. Use lowercase letters, …". */
function componentProblem(value: string, what: string): string | null {
  if (value.trim() === '') return `Enter a ${what}.`;
  if (tagComponentProblems(value).length === 0) return null;
  const lower = value.toLowerCase();
  const length = [...lower].length;
  const bad = [...lower].find((c) => !OK_CHAR.test(c));
  const show = (c: string): string => (c === ' ' ? 'a space' : `'${c}'`);
  let fact: string;
  if (bad !== undefined) fact = `${show(bad)} is not allowed.`;
  else if (!OK_END.test(lower.charAt(0))) fact = `It cannot start with ${show(lower.charAt(0))}.`;
  else if (!OK_END.test(lower.charAt(lower.length - 1))) fact = `It cannot end with ${show(lower.charAt(lower.length - 1))}.`;
  else fact = `It has ${length} characters.`;
  return `${fact.charAt(0).toUpperCase()}${fact.slice(1)} ${NAME_RULE}`;
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
    const bad = keyProblem('labels', key);
    if (bad !== null) errors.set(row.id, bad);
    else if (seen.has(key)) errors.set(row.id, `The key '${key}' is already used above.`);
    else putKey(labels, key, row.value);
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
    const bad = keyProblem('metadata', key);
    if (bad !== null) {
      errors.set(row.id, bad);
      continue;
    }
    if (seen.has(key)) {
      errors.set(row.id, `The key '${key}' is already used above.`);
      continue;
    }
    seen.add(key);
    const parsed = parseMetaValue(row.type, row.text);
    if (parsed.ok) putKey(metadata, key, parsed.value);
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
  // Never an invalid name or version in the preview: a placeholder until it is valid.
  const tagPreview = `${nameProblem ? '<name>' : name}:${versionProblem ? '<version>' : version || '<automatic>'}`;

  const blockers: string[] = [];
  if (form.items.length === 0) blockers.push('Add files or a folder to put in the model.');
  if (nameProblem) blockers.push(`Name: ${nameProblem}`);
  if (versionProblem) blockers.push(`Version: ${versionProblem}`);
  blockers.push(...rowLines(form.labels, labelErrors, 'Label'), ...rowLines(form.metadata, metaErrors, 'Metadata'));
  const blocker = blockers[0] ?? null;

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
  return { nameProblem, versionProblem, labelErrors, metaErrors, tagPreview, blocker, blockers, args };
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Each bad row named with its reason ("Label 2: the key 'owner' is already used above."), in row order. */
function rowLines(rows: readonly { id: number }[], errors: ReadonlyMap<number, string>, row: string): string[] {
  return rows.flatMap((r, i) => {
    const reason = errors.get(r.id);
    if (reason === undefined) return [];
    const lowered = /^[A-Z](?![A-Z])/.test(reason) ? reason.charAt(0).toLowerCase() + reason.slice(1) : reason;
    return [`${row} ${i + 1}: ${lowered}`];
  });
}
