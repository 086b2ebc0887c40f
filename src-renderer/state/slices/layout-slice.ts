export interface LayoutSlice {
  /** Model list width in px as the person left it; null = the default for the window's width. */
  sideWidth: number | null;
  /** Version list height in px as the person left it; null = half the pane (capped by its rows). */
  versionsHeight: number | null;
}

export const initialLayout = (): LayoutSlice => ({ sideWidth: null, versionsHeight: null });
