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

/** A notice as the log keeps it: what it said and when, after it left the screen too. */
export interface LoggedNotice {
  readonly id: number;
  readonly kind: Notice['kind'];
  readonly text: string;
  readonly detail?: string;
  readonly at: number;
}

export interface NoticesSlice {
  notices: readonly Notice[];
  /** Every notice of this session, oldest first (the newest LOG_MAX). */
  noticeLog: readonly LoggedNotice[];
  noticeLogOpen: boolean;
}

export const initialNotices = (): NoticesSlice => ({ notices: [], noticeLog: [], noticeLogOpen: false });
