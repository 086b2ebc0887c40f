// The notices log (issue 12 defect 9): every notice of this session, errors included after they
// were dismissed, newest first, opened from the title bar.
import { CircleAlert, CircleCheck, History, Info } from 'lucide-react';
import { clearNoticeLog, openNoticeLog } from '../state/actions/notices.ts';
import { absoluteTime } from '../state/format.ts';
import { useApp } from '../state/store.ts';
import { Button } from './Bits.tsx';
import { Modal } from './Modal.tsx';

const ICONS = { success: CircleCheck, info: Info, error: CircleAlert } as const;

function LogDialog() {
  const log = useApp((s) => s.noticeLog);
  const newestFirst = [...log].reverse();
  return (
    <Modal title="Notices log" titleId="notice-log-title" onClose={() => openNoticeLog(false)} className="modal-wide">
      {newestFirst.length === 0 ? (
        <p className="muted">Nothing yet. What the window tells you (and every error) is kept here until it closes.</p>
      ) : (
        <ol className="notice-log" aria-label="Notices, newest first">
          {newestFirst.map((n) => {
            const Icon = ICONS[n.kind];
            return (
              <li key={n.id} className={`notice-log-item notice-${n.kind}`}>
                <Icon size={14} aria-hidden="true" className="notice-icon" />
                <div>
                  <p>
                    <span className="visually-hidden">{n.kind}: </span>
                    {n.text}
                  </p>
                  {n.detail ? <p className="muted small">{n.detail}</p> : null}
                </div>
                <time className="muted small num" dateTime={new Date(n.at).toISOString()}>
                  {absoluteTime(n.at)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      <div className="modal-buttons">
        {newestFirst.length > 0 ? <Button onClick={clearNoticeLog}>Clear log</Button> : null}
        <Button onClick={() => openNoticeLog(false)} autoFocus>
          Close
        </Button>
      </div>
    </Modal>
  );
}

/** The title bar's button; it shows how many errors the log holds. */
export function NoticesLogButton() {
  const errors = useApp((s) => s.noticeLog.filter((n) => n.kind === 'error').length);
  const open = useApp((s) => s.noticeLogOpen);
  const label = errors > 0 ? `Notices log (${errors} error${errors === 1 ? '' : 's'})` : 'Notices log';
  return (
    <>
      <Button icon={History} variant="ghost" label={label} onClick={() => openNoticeLog(true)} className={errors > 0 ? 'log-has-errors' : undefined} />
      {open ? <LogDialog /> : null}
    </>
  );
}
