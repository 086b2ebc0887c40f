import { ChevronDown, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import type { Metadata, MetadataValue } from '../../src-main/shared/model-types.ts';
import { pyFloatRepr } from '../../src-main/shared/py-float.ts';

export type ValueType = 'string' | 'number' | 'int' | 'bool' | 'date' | 'bytes' | 'list' | 'map';

export function typeOf(value: MetadataValue): ValueType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  // A safe integer is a Python int; every other number, and { $float } (1000.0, inf), a float.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'int' : 'number';
  if (Array.isArray(value)) return 'list';
  if ('$float' in value && typeof value.$float === 'string' && Object.keys(value).length === 1) return 'number';
  if ('$date' in value && typeof value.$date === 'string' && Object.keys(value).length === 1) return 'date';
  if ('$binary' in value && typeof value.$binary === 'string' && Object.keys(value).length === 1) return 'bytes';
  return 'map';
}

/** The value as text; bigint stays exact, strings are quoted so `"1e3"` and 1000 differ visibly. */
export function valueText(value: MetadataValue): string {
  const t = typeOf(value);
  if (t === 'string') return JSON.stringify(value);
  if (t === 'bool') return value ? 'true' : 'false';
  if (t === 'int') return (value as number | bigint).toString();
  // Floats as Python prints them: 1000.0, 1e+20, inf.
  if (t === 'number') return typeof value === 'number' ? pyFloatRepr(value) : (value as { $float: string }).$float;
  if (t === 'date') return (value as { $date: string }).$date;
  if (t === 'bytes') return `${Math.floor(((value as { $binary: string }).$binary.replace(/\s/g, '').length * 3) / 4)} bytes`;
  if (t === 'list') return `${(value as MetadataValue[]).length} items`;
  return `${Object.keys(value as object).length} keys`;
}

function Node({ name, value, depth }: { name: string; value: MetadataValue; depth: number }) {
  const t = typeOf(value);
  const nested = t === 'list' || t === 'map';
  const [open, setOpen] = useState(depth < 2);
  const entries: [string, MetadataValue][] = nested
    ? t === 'list'
      ? (value as MetadataValue[]).map((v, i) => [`[${i}]`, v])
      : Object.entries(value as Record<string, MetadataValue>)
    : [];
  return (
    <li className="tree-item">
      <div className="tree-row" style={{ paddingLeft: depth * 16 }}>
        {nested ? (
          <button type="button" className="disclosure" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`} onClick={() => setOpen(!open)}>
            {open ? <ChevronDown size={12} aria-hidden="true" /> : <ChevronRight size={12} aria-hidden="true" />}
          </button>
        ) : (
          <span className="disclosure-space" />
        )}
        <span className="mono tree-key" title={name}>
          {name}
        </span>
        <span className={`type-badge type-${t}`}>{t}</span>
        <span className={`mono tree-value value-${t}`} title={valueText(value)}>
          {valueText(value)}
        </span>
      </div>
      {nested && open ? (
        <ul className="tree-children" role="list">
          {entries.slice(0, 500).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > 500 ? <li className="muted small" style={{ paddingLeft: (depth + 1) * 16 + 20 }}>and {entries.length - 500} more</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

export function MetadataTree({ metadata }: { metadata: Metadata }) {
  return (
    <ul className="tree" role="list" aria-label="Metadata">
      {Object.entries(metadata).map(([k, v]) => (
        <Node key={k} name={k} value={v} depth={0} />
      ))}
    </ul>
  );
}
