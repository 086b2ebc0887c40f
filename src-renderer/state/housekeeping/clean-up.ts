// The clean-up sheet: the same rules as `model-shelf prune`, a live preview from models:prune-plan,
// one confirmation, then models:prune of exactly that preview, with Undo through the trash.
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { PruneRules } from '../../../src-main/shared/housekeeping-types.ts';
import { call } from '../bridge.ts';
import { restoreFromTrash } from '../actions/delete.ts';
import { notify, notifyError, UNDO_MS } from '../actions/notices.ts';
import { reload } from '../actions/store-actions.ts';
import { count } from '../format.ts';
import { getState } from '../store.ts';
import { defaultCleanUp, hk, setHk, type CleanUpForm } from './hk-store.ts';
import { refreshUsage } from './disk-use.ts';

const DAY = 86_400_000;
const UNIT_MS = { days: DAY, weeks: 7 * DAY, months: 30 * DAY } as const;
/** Keep-last counts the window tries for its suggestion, most generous first. */
const SUGGEST = [5, 3, 2, 1] as const;

export type RulesCheck = { readonly ok: true; readonly rules: PruneRules } | { readonly ok: false; readonly reason: string };

/** The form's rules as `prune` takes them, or the one reason they are not complete. */
export function rulesOf(form: CleanUpForm): RulesCheck {
  const rules: { -readonly [K in keyof PruneRules]: PruneRules[K] } = { trash: form.trash };
  if (form.name) rules.names = [form.name];
  if (form.keepLastOn) {
    const n = Number(form.keepLast.trim());
    if (!/^\d+$/.test(form.keepLast.trim()) || n < 1) return { ok: false, reason: 'Keep the last: enter a whole number, 1 or more.' };
    rules.keepLast = n;
  }
  if (form.olderOn) {
    const n = Number(form.olderValue.trim());
    if (!/^\d+$/.test(form.olderValue.trim()) || n < 1) return { ok: false, reason: 'Older than: enter a whole number, 1 or more.' };
    rules.olderThanMs = n * UNIT_MS[form.olderUnit];
  }
  const labels: Record<string, string> = {};
  for (const part of form.labels.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `Labels: write '${part}' as key=value (several separated by commas).` };
    labels[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (Object.keys(labels).length > 0) rules.labels = labels;
  if (rules.keepLast === undefined && rules.olderThanMs === undefined && rules.labels === undefined) {
    return { ok: false, reason: 'Choose at least one rule: keep the last N, older than, or a label.' };
  }
  return { ok: true, rules };
}

function ruleKey(): string | null {
  const home = getState().snapshot?.home;
  return home ? `model-shelf.clean-up-rule:${home}` : null;
}

function loadSavedRule(): CleanUpForm | null {
  const key = ruleKey();
  if (!key) return null;
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...defaultCleanUp(), ...(JSON.parse(raw) as Partial<CleanUpForm>) } : null;
  } catch {
    return null;
  }
}

export function saveRule(): void {
  const key = ruleKey();
  if (!key) return;
  const form = hk().cleanUp;
  localStorage.setItem(key, JSON.stringify(form));
  setHk({ savedRule: form });
  notify({ kind: 'success', text: 'Saved these rules for this store; Clean up starts from them next time.' });
}

export function forgetRule(): void {
  const key = ruleKey();
  if (key) localStorage.removeItem(key);
  setHk({ savedRule: null });
}

export async function openCleanUp(name?: string): Promise<void> {
  const saved = loadSavedRule();
  const form = { ...(saved ?? defaultCleanUp()), ...(name !== undefined ? { name } : {}) };
  setHk({ cleanUpOpen: true, cleanUp: form, savedRule: saved, preview: null, previewError: null, confirming: false, running: false, suggestion: null });
  void suggest();
  await refreshPreview();
}

export function closeCleanUp(): void {
  if (hk().running) return;
  setHk({ cleanUpOpen: false, confirming: false });
}

let timer: ReturnType<typeof setTimeout> | null = null;

export function setCleanUp(patch: Partial<CleanUpForm>): void {
  setHk({ cleanUp: { ...hk().cleanUp, ...patch }, confirming: false });
  // Typing a number asks once it settles, not at every keystroke.
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void refreshPreview(), 250);
}

let asked = 0;

export async function refreshPreview(): Promise<void> {
  const check = rulesOf(hk().cleanUp);
  const mine = ++asked;
  if (!check.ok) {
    setHk({ preview: null, previewError: check.reason, previewBusy: false });
    return;
  }
  setHk({ previewBusy: true });
  const result = await call('models:prune-plan', check.rules);
  if (mine !== asked) return; // a newer rule set was asked meanwhile
  if (result.ok) setHk({ preview: result.value, previewError: null, previewBusy: false });
  else setHk({ preview: null, previewError: result.error.message, previewBusy: false });
}

/** "Keep the last 5 of every model frees 41 GiB": the figure is a real plan's, never an estimate. */
export async function suggest(): Promise<void> {
  for (const keepLast of SUGGEST) {
    const result = await call('models:prune-plan', { keepLast, trash: true });
    if (!result.ok) return;
    if (result.value.remove.length > 0) {
      setHk({ suggestion: { keepLast, versions: result.value.remove.length, frees: result.value.frees } });
      return;
    }
  }
  setHk({ suggestion: null });
}

export function applySuggestion(): void {
  const s = hk().suggestion;
  if (!s) return;
  setCleanUp({ name: '', keepLastOn: true, keepLast: String(s.keepLast), olderOn: false, labels: '' });
}

export function askConfirm(on: boolean): void {
  setHk({ confirming: on });
}

export async function runCleanUp(): Promise<void> {
  const preview = hk().preview;
  if (!preview || preview.remove.length === 0 || hk().running) return;
  setHk({ running: true });
  const started = Date.now();
  const result = await call('models:prune', { planId: preview.planId });
  setHk({ running: false, confirming: false });
  if (!result.ok) {
    notifyError('Clean up', result.error);
    await refreshPreview();
    return;
  }
  const report = result.value;
  setHk({ lastRun: report, cleanUpOpen: false });
  const changed = report.keep.filter((k) => k.reason === 'changed').length;
  const left = changed > 0 ? ` ${count(changed, 'version')} changed since the preview and stayed.` : '';
  const n = count(report.remove.length, 'version');
  if (report.trash) {
    const ids = await trashIdsOf(report.remove.map((r) => r.tag), started);
    notify({
      kind: 'success',
      text: `Moved ${n} (${humanSize(report.frees)}) to the trash.${left}`,
      actions: ids.length > 0 ? [{ label: 'Undo', run: () => void restoreFromTrash(ids).then(() => refreshUsage()) }] : [],
      timeout: UNDO_MS,
    });
  } else {
    notify({ kind: 'success', text: `Deleted ${n} and freed ${humanSize(report.frees)}.${left}` });
  }
  await Promise.all([reload(), refreshUsage()]);
}

/** The trash entries this run made: the removed tags, trashed since it started. */
async function trashIdsOf(tags: readonly string[], since: number): Promise<string[]> {
  const list = await call('trash:list', undefined);
  if (!list.ok) return [];
  const wanted = new Set(tags);
  return list.value.filter((e) => e.kind !== 'edit' && wanted.has(e.tag) && Date.parse(e.deletedAt) >= since - 2_000).map((e) => e.id);
}
