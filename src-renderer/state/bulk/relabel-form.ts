// The relabel sheet's rows as one request: keys to set (with values) and keys to remove, or the
// first problem as a sentence that says what to fix. Main checks again (the store's own rules).
import type { Labels } from '../../../src-main/shared/model-types.ts';
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { keyProblem } from '../../../src-main/shared/value-rules.ts';
import type { RelabelRow } from './bulk-store.ts';
import { putKey } from '../../../src-main/shared/own-key.ts';

export interface RelabelRequest {
  readonly set: Labels;
  readonly unset: readonly string[];
}

export type RelabelCheck = { readonly ok: true; readonly request: RelabelRequest } | { readonly ok: false; readonly problem: string };

export function relabelRequest(rows: readonly RelabelRow[]): RelabelCheck {
  const set: Record<string, string> = {};
  const unset: string[] = [];
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    // Keys are kept as typed, spaces included: BentoML reads ' a' back as ' a' (value-rules.ts).
    const key = row.key;
    if (key === '' && (row.action === 'remove' || row.value === '')) continue; // an empty row is ignored
    if (key === '') return { ok: false, problem: `Label ${i + 1} has a value but no key: type the key, or clear the row.` };
    const bad = keyProblem('labels', key);
    if (bad) return { ok: false, problem: `Label ${i + 1}: ${bad}` };
    if (seen.has(key)) return { ok: false, problem: `The key ${key} is in two rows: keep one.` };
    seen.add(key);
    if (row.action === 'remove') unset.push(key);
    else putKey(set, key, row.value);
  }
  if (seen.size === 0) return { ok: false, problem: 'Nothing to change yet: add a label to set or a key to remove.' };
  return { ok: true, request: { set, unset } };
}

/** What the selected versions carry now, per key: "stage: prod ×3, canary ×1". */
export function labelSummary(versions: readonly Pick<ModelVersion, 'labels'>[]): { key: string; values: { value: string; count: number }[] }[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const v of versions) {
    for (const [k, val] of Object.entries(v.labels)) {
      const values = byKey.get(k) ?? new Map<string, number>();
      values.set(val, (values.get(val) ?? 0) + 1);
      byKey.set(k, values);
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, values]) => ({ key, values: [...values.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count) }));
}
