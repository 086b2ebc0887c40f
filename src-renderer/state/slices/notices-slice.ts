export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Notice {
  readonly id: number;
  readonly kind: 'success' | 'info' | 'error';
  readonly text: string;
  readonly detail?: string;
  readonly actions: readonly NoticeAction[];
  /** Milliseconds before it goes away by itself; 0 keeps it until dismissed. */
  readonly timeout: number;
}

export interface NoticesSlice {
  notices: readonly Notice[];
}

export const initialNotices = (): NoticesSlice => ({ notices: [] });
