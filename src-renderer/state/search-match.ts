// Issue 12 view 18: a search shows what it matched. In the model list, the part of a name the
// search found is marked (also when the name is shortened in the middle); a model found by one of
// its versions (a version prefix, a label) opens at that version, not at latest.
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import type { ModelGroup } from './model-groups.ts';
import { tableOrder } from './versions/version-table.ts';

/** Where the search is found in the model's name: [start, end), or null. `name:version` marks the whole name. */
export function nameHit(g: ModelGroup, query: string): readonly [number, number] | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const colon = q.indexOf(':');
  if (colon > 0) return q.slice(0, colon) === g.searchName ? [0, g.name.length] : null;
  const at = g.searchName.indexOf(q);
  return at < 0 ? null : [at, at + q.length];
}

function versionMatches(v: ModelVersion, q: string): boolean {
  if (v.version.toLowerCase().startsWith(q)) return true;
  for (const [k, val] of Object.entries(v.labels)) if (`${k}=${val}`.toLowerCase().includes(q)) return true;
  return false;
}

/** The version a search found the model by, first in the version table's order; null when the
 * name matched (the model opens as usual, at latest) or nothing in the versions did. */
export function matchingVersion(g: ModelGroup | undefined, query: string): ModelVersion | null {
  if (!g) return null;
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const colon = q.indexOf(':');
  if (colon > 0) {
    const version = q.slice(colon + 1);
    if (version === '' || version === 'latest') return null;
    return tableOrder(g).find((v) => v.version.toLowerCase().startsWith(version)) ?? null;
  }
  if (g.searchName.includes(q)) return null;
  return tableOrder(g).find((v) => versionMatches(v, q)) ?? null;
}

/** `shown` (the text, or `head…tail` as fitMiddle shortens it) in runs, those inside [start, end) of `text` marked. */
export function markedRuns(text: string, shown: string, [start, end]: readonly [number, number]): { text: string; mark: boolean }[] {
  const cut = shown === text ? -1 : shown.indexOf('…');
  const tailFrom = cut < 0 ? 0 : text.length - (shown.length - cut - 1);
  const inHit = (j: number): boolean => {
    if (cut < 0 || j < cut) return j >= start && j < end;
    // The ellipsis stands for text[cut, tailFrom): marked when part of the hit is hidden in it.
    if (j === cut) return start < tailFrom && end > cut;
    const at = tailFrom + (j - cut - 1);
    return at >= start && at < end;
  };
  const runs: { text: string; mark: boolean }[] = [];
  for (let j = 0; j < shown.length; j += 1) {
    const mark = inHit(j);
    const last = runs.at(-1);
    if (last && last.mark === mark) last.text += shown[j];
    else runs.push({ text: shown[j]!, mark });
  }
  return runs;
}
