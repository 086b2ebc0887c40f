// Selection follows names and tags (strings), never row indexes, so pushes from the watcher
// reorder or grow the lists without moving what the user picked.
import { selectActiveGroup, selectGroup, selectVisibleGroups } from '../selectors.ts';
import type { DetailTab } from '../slices/selection-slice.ts';
import { getState, setState } from '../store.ts';
import { loadDetail } from './detail.ts';
import { tableOrder } from '../versions/version-table.ts';
import { matchingVersion } from '../search-match.ts';

export type SelectMode = 'replace' | 'toggle' | 'range';

/** Ctrl/Cmd toggles one item, Shift extends from the anchor, plain click replaces. */
export function pick(order: readonly string[], current: readonly string[], anchor: string | null, item: string, mode: SelectMode): { selected: string[]; anchor: string } {
  if (mode === 'toggle') {
    const has = current.includes(item);
    return { selected: has ? current.filter((x) => x !== item) : [...current, item], anchor: item };
  }
  if (mode === 'range' && anchor !== null) {
    const a = order.indexOf(anchor);
    const b = order.indexOf(item);
    if (a >= 0 && b >= 0) return { selected: order.slice(Math.min(a, b), Math.max(a, b) + 1), anchor };
  }
  return { selected: [item], anchor: item };
}

export function selectName(name: string, mode: SelectMode = 'replace'): void {
  const s = getState();
  const order = selectVisibleGroups(s).map((g) => g.name);
  const { selected, anchor } = pick(order, s.selectedNames, s.nameAnchor, name, mode);
  const changed = s.activeName !== name;
  setState({ selectedNames: selected, nameAnchor: anchor, activeName: name });
  if (changed) {
    const group = selectActiveGroup(getState());
    // Found by one of its versions (a version prefix, a label): it opens at that version.
    const tag = matchingVersion(group, getState().search)?.tag ?? group?.latest?.tag ?? null;
    setState({ activeTag: tag, selectedTags: tag ? [tag] : [], tagAnchor: tag });
    void loadDetail(tag);
  }
}

export function selectTag(tag: string, mode: SelectMode = 'replace'): void {
  const s = getState();
  const order = tableOrder(selectActiveGroup(s)).map((v) => v.tag); // the table's sort (version-table.ts)
  const changed = s.activeTag !== tag;
  if (s.marked !== null) {
    // A bulk selection is on: Ctrl and Shift change its ticks, a plain click only shows a version.
    const marked = mode === 'replace' ? s.marked : markedAfter(order, s.marked, s.tagAnchor, tag, mode);
    setState({ marked: marked.length > 0 ? marked : null, selectedTags: [tag], tagAnchor: mode === 'range' ? s.tagAnchor : tag, activeTag: tag });
    if (changed) void loadDetail(tag);
    return;
  }
  const { selected, anchor } = pick(order, s.selectedTags, s.tagAnchor, tag, mode);
  setState({ selectedTags: selected, tagAnchor: anchor, activeTag: tag });
  if (changed) void loadDetail(tag);
}

/** Arrow keys in the model list; Shift extends the selection. */
export function moveName(delta: number, extend = false): void {
  const s = getState();
  const order = selectVisibleGroups(s).map((g) => g.name);
  if (order.length === 0) return;
  const at = s.activeName ? order.indexOf(s.activeName) : -1;
  const next = order[Math.max(0, Math.min(order.length - 1, at < 0 ? 0 : at + delta))];
  if (next !== undefined) selectName(next, extend ? 'range' : 'replace');
}

export function moveTag(delta: number, extend = false): void {
  const s = getState();
  const order = tableOrder(selectActiveGroup(s)).map((v) => v.tag); // the table's sort (version-table.ts)
  if (order.length === 0) return;
  const at = s.activeTag ? order.indexOf(s.activeTag) : -1;
  const next = order[Math.max(0, Math.min(order.length - 1, at < 0 ? 0 : at + delta))];
  if (next !== undefined) selectTag(next, extend ? 'range' : 'replace');
}

export function setTab(tab: DetailTab): void {
  setState({ tab });
}

// A tag to show as soon as a snapshot contains it (main's push can trail the answer that made it).
let pendingReveal: string | null = null;

/** Jump to a tag (after create/import/restore): clears search and filters that would hide it. */
export function reveal(tag: string, opts: { keepFilters?: boolean } = {}): void {
  const name = tag.split(':')[0] ?? '';
  // Not in the snapshot yet (a model just created or imported): come back when it arrives, and
  // only then decide whether the search or filters hide it.
  if (!selectGroup(getState(), name)?.versions.some((v) => v.tag === tag)) {
    pendingReveal = tag;
    pendingKeep = opts.keepFilters === true;
    return;
  }
  pendingReveal = null;
  const hidden = !selectVisibleGroups(getState()).some((g) => g.name === name);
  // Keeping the person's filter: a new model it hides is not selected (its notice's Show clears).
  if (hidden && opts.keepFilters) return;
  if (hidden) setState({ search: '', labelFilters: [] });
  setState({ activeName: name, selectedNames: [name], nameAnchor: name, activeTag: tag, selectedTags: [tag], tagAnchor: tag });
  void loadDetail(tag);
}

let pendingKeep = false;
/** The model list's order at the last reconcile: where a deleted model's neighbours were. */
let lastOrder: readonly string[] = [];

/** The list as shown now (its sort and search included): a delete's neighbours are found in it. */
export function rememberListOrder(): void {
  lastOrder = selectVisibleGroups(getState()).map((g) => g.name);
}

function neighbour(order: readonly string[], gone: string, present: ReadonlySet<string>): string | null {
  const at = order.indexOf(gone);
  if (at < 0) return null;
  for (let i = at + 1; i < order.length; i += 1) if (present.has(order[i]!)) return order[i]!;
  for (let i = at - 1; i >= 0; i -= 1) if (present.has(order[i]!)) return order[i]!;
  return null;
}

/** After a snapshot: drop what vanished, keep everything else exactly as it was. */
export function reconcileSelection(): void {
  if (pendingReveal && getState().snapshot?.versions.some((v) => v.tag === pendingReveal)) {
    const tag = pendingReveal;
    reveal(tag, { keepFilters: pendingKeep });
    if (pendingReveal === null && getState().activeTag === tag) {
      lastOrder = selectVisibleGroups(getState()).map((g) => g.name);
      return;
    }
  }
  const s = getState();
  const visible = selectVisibleGroups(s).map((g) => g.name);
  const names = new Set(visible);
  let activeName = s.activeName;
  // A deleted model: its neighbour in the list takes its place (the next one, else the one
  // before), so the selection and the scroll stay where the person was, not at the top.
  if (activeName && !selectGroup(s, activeName)) activeName = neighbour(lastOrder, activeName, names);
  if (!activeName) activeName = visible[0] ?? null;
  lastOrder = visible;
  const selectedNames = s.selectedNames.filter((n) => names.has(n));
  setState({ activeName, selectedNames: selectedNames.length ? selectedNames : activeName ? [activeName] : [] });
  const group = selectActiveGroup(getState());
  const tags = new Set(group?.versions.map((v) => v.tag) ?? []);
  let activeTag = s.activeTag && tags.has(s.activeTag) ? s.activeTag : null;
  activeTag ??= group?.latest?.tag ?? null;
  const selectedTags = s.selectedTags.filter((t) => tags.has(t));
  setState({ activeTag, selectedTags: selectedTags.length ? selectedTags : activeTag ? [activeTag] : [] });
  if (activeTag !== s.activeTag) void loadDetail(activeTag);
  // Deleted versions leave the bulk selection; a new version is never ticked behind the person's back.
  if (s.marked !== null) {
    const present = new Set(s.snapshot?.versions.map((v) => v.tag) ?? []);
    const marked = s.marked.filter((t) => present.has(t));
    if (marked.length !== s.marked.length) setState({ marked: marked.length > 0 ? marked : null });
  }
}

/** Ctrl-click toggles one tick of the bulk selection; Shift-click ticks the range from the anchor (the table's order). */
export function markedAfter(order: readonly string[], marked: readonly string[], anchor: string | null, tag: string, mode: 'toggle' | 'range'): string[] {
  if (mode === 'toggle') return marked.includes(tag) ? marked.filter((t) => t !== tag) : [...marked, tag];
  const range = pick(order, [], anchor, tag, 'range').selected;
  return [...new Set([...marked, ...range])];
}

/** Ctrl/Cmd+A in a list selects every row; Esc goes back to the active row alone. */
export function selectAllIn(list: 'names' | 'versions'): void {
  const s = getState();
  if (list === 'versions' && s.marked !== null) {
    const add = selectActiveGroup(s)?.versions.map((v) => v.tag) ?? [];
    setState({ marked: [...new Set([...s.marked, ...add])] });
    return;
  }
  if (list === 'names') setState({ selectedNames: selectVisibleGroups(s).map((g) => g.name) });
  else setState({ selectedTags: selectActiveGroup(s)?.versions.map((v) => v.tag) ?? [] });
}

/** True when there was a multi-selection to collapse (so Esc was used up). */
export function collapseSelection(list: 'names' | 'versions'): boolean {
  const s = getState();
  if (list === 'names' && s.selectedNames.length > 1) {
    setState({ selectedNames: s.activeName ? [s.activeName] : [] });
    return true;
  }
  if (list === 'versions' && s.marked !== null) {
    setState({ marked: null, selectedTags: s.activeTag ? [s.activeTag] : [] });
    return true;
  }
  if (list === 'versions' && s.selectedTags.length > 1) {
    setState({ selectedTags: s.activeTag ? [s.activeTag] : [] });
    return true;
  }
  return false;
}
