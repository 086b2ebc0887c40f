import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import { describeError } from '../error-words.ts';
import type { Notice, NoticeAction } from '../slices/notices-slice.ts';
import { getState, setState } from '../store.ts';

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const UNDO_MS = 10_000;
/** The notices log keeps this many. */
export const LOG_MAX = 200;

export function openNoticeLog(open: boolean): void {
  setState({ noticeLogOpen: open });
}

export function clearNoticeLog(): void {
  setState({ noticeLog: [] });
}

export function notify(input: Omit<Notice, 'id' | 'actions' | 'timeout'> & { actions?: readonly NoticeAction[]; timeout?: number }): number {
  const id = nextId++;
  const notice: Notice = { actions: [], timeout: input.kind === 'error' ? 0 : 6_000, ...input, id };
  // The same news again replaces its older copy instead of stacking a twin; keep the newest five.
  const same = (n: Notice): boolean => n.kind === notice.kind && n.text === notice.text && n.detail === notice.detail;
  for (const old of getState().notices) if (same(old)) clearTimer(old.id);
  const kept = getState().notices.filter((n) => !same(n));
  const next = [...kept, notice];
  for (const old of next.slice(0, -5)) clearTimer(old.id);
  const logged = { id, kind: notice.kind, text: notice.text, at: Date.now(), ...(notice.detail ? { detail: notice.detail } : {}) };
  setState({ notices: next.slice(-5), noticeLog: [...getState().noticeLog, logged].slice(-LOG_MAX) });
  if (notice.timeout > 0) timers.set(id, setTimeout(() => dismiss(id), notice.timeout));
  return id;
}

export function notifyError(action: string, error: ErrorInfo): number {
  const words = describeError(error);
  if (error.code === 'ABORTED') return notify({ kind: 'info', text: words.headline });
  return notify({ kind: 'error', text: `${action} failed: ${words.headline}`, detail: words.detail });
}

function clearTimer(id: number): void {
  const timer = timers.get(id);
  if (timer) clearTimeout(timer);
  timers.delete(id);
}

export function dismiss(id: number): void {
  clearTimer(id);
  setState({ notices: getState().notices.filter((n) => n.id !== id) });
}

export function clearNotices(): void {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  setState({ notices: [] });
}
