import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { useApp } from '../state/store.ts';
import { dismiss } from '../state/actions/notices.ts';
import type { Notice } from '../state/slices/notices-slice.ts';

const ICONS = { success: CircleCheck, info: Info, error: CircleAlert } as const;

function NoticeCard({ n }: { n: Notice }) {
  const Icon = ICONS[n.kind];
  return (
    <div className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
      <Icon size={15} aria-hidden="true" className="notice-icon" />
      <div className="notice-body">
        <p className="notice-text">{n.text}</p>
        {n.detail ? <p className="notice-detail">{n.detail}</p> : null}
      </div>
      {n.actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className="notice-action"
          onClick={() => {
            a.run();
            dismiss(n.id);
          }}
        >
          {a.label}
        </button>
      ))}
      <button type="button" className="notice-close" aria-label="Dismiss notice" title="Dismiss" onClick={() => dismiss(n.id)}>
        <X size={12} aria-hidden="true" />
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useApp((s) => s.notices);
  return (
    <section className="notices" aria-label="Notices">
      {notices.map((n) => (
        <NoticeCard key={n.id} n={n} />
      ))}
    </section>
  );
}
