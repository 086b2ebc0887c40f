// A small listbox for the remote views (a remote holds far fewer names than a local store has
// versions, so no virtualisation): arrows move, Home/End jump, click or Enter picks; in a
// multi-select list Ctrl/Cmd toggles, Shift extends and Ctrl/Cmd+A selects all.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface RemoteListboxProps {
  label: string;
  keys: readonly string[];
  /** The row with the keyboard ring (the last picked). */
  active: string | null;
  selected: readonly string[];
  multi?: boolean;
  optionName: (key: string) => string;
  /** Read after the name by assistive tech (the version's state and size; the name alone stays exact). */
  optionDescription?: (key: string) => string;
  onPick: (key: string, mode: 'only' | 'toggle' | 'range') => void;
  onAll?: () => void;
  className?: string;
  children: (key: string) => ReactNode;
}

export function RemoteListbox({ label, keys, active, selected, multi = false, optionName, optionDescription, onPick, onAll, className, children }: RemoteListboxProps) {
  const ref = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const focusRow = (key: string): void => {
    onPick(key, 'only');
    ref.current?.querySelector(`[data-key="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (keys.length === 0) return;
    const at = active === null ? -1 : keys.indexOf(active);
    const go = (i: number): void => {
      e.preventDefault();
      const key = keys[Math.max(0, Math.min(keys.length - 1, i))];
      if (key !== undefined) {
        if (e.shiftKey && multi) onPick(key, 'range');
        else focusRow(key);
      }
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at <= 0 ? 0 : at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(keys.length - 1);
    else if (multi && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a' && onAll) {
      e.preventDefault();
      onAll();
    }
  };
  return (
    <div
      ref={ref}
      role="listbox"
      aria-label={label}
      aria-multiselectable={multi || undefined}
      aria-activedescendant={active !== null && keys.includes(active) ? `${idBase}-${keys.indexOf(active)}` : undefined}
      tabIndex={0}
      className={`remote-list${className ? ` ${className}` : ''}`}
      onKeyDown={onKeyDown}
    >
      {keys.map((key, index) => {
        const isSelected = selected.includes(key);
        return (
          <div
            key={key}
            id={`${idBase}-${index}`}
            data-key={key}
            role="option"
            aria-label={optionName(key)}
            aria-description={optionDescription?.(key)}
            aria-selected={isSelected}
            className={`remote-row${isSelected ? ' selected' : ''}${key === active ? ' active' : ''}`}
            onClick={(e) => onPick(key, multi && (e.ctrlKey || e.metaKey) ? 'toggle' : multi && e.shiftKey ? 'range' : 'only')}
          >
            {children(key)}
          </div>
        );
      })}
    </div>
  );
}
