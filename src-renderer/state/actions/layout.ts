// The two splits (model list | versions, versions / detail), remembered across launches in the
// window's localStorage (one window per app, so per window).
import { getState, setState } from '../store.ts';
import type { LayoutSlice } from '../slices/layout-slice.ts';

const KEY = 'model-shelf.layout';
export const SIDE_MIN = 180;
export const SIDE_DEFAULT = 300;
/** The version pane keeps at least this much beside the model list. */
export const MAIN_MIN = 500;
export const VERSIONS_MIN = 66;
/** The detail tabs keep at least this much under the version list. */
export const DETAIL_MIN = 140;

export function loadLayout(): void {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<keyof LayoutSlice, unknown>>;
    const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : null);
    setState({ sideWidth: num(raw.sideWidth), versionsHeight: num(raw.versionsHeight) });
  } catch {
    // A damaged entry is forgotten: the defaults are fine.
  }
}

function save(): void {
  const { sideWidth, versionsHeight } = getState();
  try {
    localStorage.setItem(KEY, JSON.stringify({ sideWidth, versionsHeight }));
  } catch {
    // Storage full or off: the layout is only not remembered.
  }
}

/** The width the list gets in a window `windowWidth` wide (the same clamp as the CSS in base.css). */
export function sideWidthFor(windowWidth: number, wanted: number | null): number {
  return Math.round(Math.min(Math.max(wanted ?? SIDE_DEFAULT, SIDE_MIN), Math.max(SIDE_MIN, windowWidth - MAIN_MIN)));
}

export function setSideWidth(px: number | null): void {
  setState({ sideWidth: px === null ? null : Math.round(Math.max(SIDE_MIN, px)) });
  save();
}

export function setVersionsHeight(px: number | null): void {
  setState({ versionsHeight: px === null ? null : Math.round(Math.max(VERSIONS_MIN, px)) });
  save();
}
