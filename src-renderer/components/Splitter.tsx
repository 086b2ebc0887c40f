// A bar between two panes that a person drags (or moves with the arrow keys) to give one pane
// more room. Double-click or Enter puts back the default. The size is the caller's to keep.
import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef } from 'react';

export function Splitter({ label, orientation, value, min, max, step, className, measure, onChange }: {
  label: string;
  /** 'vertical': a vertical bar that changes widths; 'horizontal': a horizontal bar, heights. */
  orientation: 'vertical' | 'horizontal';
  /** The size shown now (px), for assistive tech and the keyboard. */
  value: number;
  min: number;
  max: number;
  step: number;
  className?: string;
  /** The pane's size when a drag starts (it may differ from the stored value after clamping). */
  measure: () => number;
  /** null: back to the default. */
  onChange: (px: number | null) => void;
}) {
  const drag = useRef<{ from: number; start: number } | null>(null);
  const clamp = (px: number): number => Math.min(Math.max(px, min), Math.max(min, max));
  const at = (e: PointerEvent): number => (orientation === 'vertical' ? e.clientX : e.clientY);
  const onKey = (e: KeyboardEvent) => {
    const grow: Readonly<Record<string, number>> = orientation === 'vertical' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
    const dir = grow[e.key];
    if (dir !== undefined) onChange(clamp(measure() + dir * step));
    else if (e.key === 'Home') onChange(min);
    else if (e.key === 'End') onChange(clamp(max));
    else if (e.key === 'Enter') onChange(null);
    else return;
    e.preventDefault();
  };
  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(Math.max(min, max))}
      tabIndex={0}
      title={`${label} (drag; double-click for the default)`}
      className={`splitter splitter-${orientation}${className ? ` ${className}` : ''}`}
      onKeyDown={onKey}
      onDoubleClick={() => onChange(null)}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { from: at(e), start: measure() };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d) onChange(clamp(d.start + at(e) - d.from));
      }}
      onPointerUp={(e) => {
        drag.current = null;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
    />
  );
}
