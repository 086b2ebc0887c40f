// Small building blocks used across the window.
import type { LucideIcon } from 'lucide-react';
import { X } from 'lucide-react';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { humanSize } from '../../src-main/shared/human-size.ts';
import { absoluteTime, middleEllipsis, relativeTime } from '../state/format.ts';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  icon?: LucideIcon;
  variant?: 'default' | 'primary' | 'danger' | 'ghost';
  /** Icon-only buttons need a name; it also becomes the tooltip. */
  label?: string;
  children?: ReactNode;
};

export function Button({ icon: Icon, variant = 'default', label, children, className, ...rest }: ButtonProps) {
  const iconOnly = children === undefined;
  return (
    <button
      type="button"
      className={`btn btn-${variant}${iconOnly ? ' btn-icon' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label}
      title={rest.title ?? label}
      {...rest}
    >
      {Icon ? <Icon size={14} aria-hidden="true" strokeWidth={1.75} /> : null}
      {children}
    </button>
  );
}

export function Size({ bytes }: { bytes: number }) {
  return <span className="num">{humanSize(bytes)}</span>;
}

export function TimeAgo({ ms, text }: { ms: number; text?: string }) {
  const abs = absoluteTime(ms);
  return (
    <time className="time" dateTime={text || undefined} title={text ? `${abs} (${text})` : abs}>
      {relativeTime(ms)}
    </time>
  );
}

/** A monospace value shortened in the middle, full text on hover. */
export function Mono({ text, max = 40, className }: { text: string; max?: number; className?: string }) {
  const shown = middleEllipsis(text, max);
  return (
    <span className={`mono${className ? ` ${className}` : ''}`} title={shown === text ? undefined : text}>
      {shown}
    </span>
  );
}

export function Chip({ text, onRemove, onClick, removeLabel, clickLabel }: {
  text: string;
  onRemove?: () => void;
  onClick?: () => void;
  removeLabel?: string;
  clickLabel?: string;
}) {
  return (
    <span className={`chip${onRemove ? ' chip-removable' : ''}`}>
      {onClick ? (
        <button type="button" className="chip-text chip-button" onClick={onClick} aria-label={clickLabel} title={clickLabel}>
          {text}
        </button>
      ) : (
        <span className="chip-text">{text}</span>
      )}
      {onRemove ? (
        <button type="button" className="chip-x" onClick={onRemove} aria-label={removeLabel} title={removeLabel}>
          <X size={12} aria-hidden="true" />
        </button>
      ) : null}
    </span>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {children}
    </kbd>
  );
}

export const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform || navigator.userAgent);
export const MOD = isMac ? '⌘' : 'Ctrl+';
