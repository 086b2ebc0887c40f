// Stacked bars: one per model (longest = largest), one segment per version sized by its bytes.
// One Tab stop; arrow keys move between segments (Left/Right in a model, Up/Down across models),
// Enter opens the version, and the model's name opens the model.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import type { ModelUsage } from '../../../src-main/shared/housekeeping-types.ts';
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { relativeTime } from '../../state/format.ts';
import { MiddleText } from '../MiddleText.tsx';
import type { Colouring } from './usage-colours.ts';

const PAGE = 50;

/** Newest first; the written creation_time breaks a tie within one millisecond. */
function newer(a: ModelVersion | undefined, b: ModelVersion | undefined): number {
  const d = (b?.creationTimeMs ?? 0) - (a?.creationTimeMs ?? 0);
  if (d !== 0 && Number.isFinite(d)) return d;
  const [x, y] = [a?.creationTime ?? '', b?.creationTime ?? ''];
  return x === y ? 0 : x < y ? 1 : -1;
}

export function UsageBars({ models, byTag, colours, onVersion, onModel }: {
  models: readonly ModelUsage[];
  byTag: ReadonlyMap<string, ModelVersion>;
  colours: Colouring;
  onVersion: (tag: string) => void;
  onModel: (name: string) => void;
}) {
  // Newest version first inside a bar: what a person looks for first sits at the bar's start.
  const rows = useMemo(
    () =>
      [...models]
        .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1))
        .map((m) => ({
          model: m,
          versions: [...m.versions].sort((a, b) => newer(byTag.get(a.tag), byTag.get(b.tag))),
        })),
    [models, byTag],
  );
  const max = rows[0]?.model.bytes || 1;
  // The largest models first, a page at a time: 1,000 bars of 10 versions are 10,000 buttons, and
  // the small ones at the end are slivers nobody reads; more come on request.
  const [limit, setLimit] = useState(PAGE);
  const shownRows = rows.length > limit ? rows.slice(0, limit) : rows;
  const rest = rows.slice(shownRows.length);
  const [at, setAt] = useState<[number, number]>([0, 0]);
  const box = useRef<HTMLDivElement>(null);
  const focusAt = (r: number, c: number): void => {
    setAt([r, c]);
    // Every segment is in the page already (only its tabIndex changes): focus it now, so a key pressed next acts on it.
    box.current?.querySelector<HTMLElement>(`[data-seg="${r}-${c}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent): void => {
    const [r, c] = at;
    const len = (i: number): number => shownRows[i]?.versions.length ?? 0;
    let next: [number, number] | null = null;
    if (e.key === 'ArrowRight') next = [r, Math.min(len(r) - 1, c + 1)];
    else if (e.key === 'ArrowLeft') next = [r, Math.max(0, c - 1)];
    else if (e.key === 'ArrowDown') next = [Math.min(shownRows.length - 1, r + 1), 0];
    else if (e.key === 'ArrowUp') next = [Math.max(0, r - 1), 0];
    else if (e.key === 'Home') next = [r, 0];
    else if (e.key === 'End') next = [r, len(r) - 1];
    if (!next) return;
    e.preventDefault();
    if (next[1] >= 0) focusAt(next[0], Math.min(next[1], Math.max(0, len(next[0]) - 1)));
  };
  if (rows.length === 0) return <p className="muted">No models yet.</p>;
  return (
    <div className="usage-bars" ref={box} role="group" aria-label="Models and their versions by size" onKeyDown={onKey}>
      {shownRows.map(({ model, versions }, r) => (
        <div key={model.name} className="usage-row">
          <button type="button" className="usage-name mono" title={`${model.name}: open this model`} onClick={() => onModel(model.name)} aria-label={`Open ${model.name}`}>
            <MiddleText text={model.name} title={`${model.name}: open this model`} />
          </button>
          <div className="usage-track">
            <div className="usage-bar" style={{ width: `${(model.bytes / max) * 100}%` }}>
              {versions.map((u, c) => {
                const v = byTag.get(u.tag);
                const when = v ? relativeTime(v.creationTimeMs) : 'unknown time';
                const shared = u.shared > 0 ? `, ${humanSize(u.shared)} shared with other versions` : '';
                const name = `${u.tag}, ${humanSize(u.bytes)}, ${when}${v?.latest ? ', latest' : ''}${shared}`;
                return (
                  <button
                    key={u.tag}
                    type="button"
                    data-seg={`${r}-${c}`}
                    className="usage-seg"
                    style={{ flexGrow: Math.max(u.bytes, 1), background: colours.colourOf(v) }}
                    tabIndex={at[0] === r && at[1] === c ? 0 : -1}
                    aria-label={name}
                    title={name}
                    onFocus={() => setAt([r, c])}
                    onClick={() => onVersion(u.tag)}
                  />
                );
              })}
            </div>
          </div>
          <span className="usage-size num" title={`${model.versions.length} versions; deleting the model frees ${humanSize(model.frees)}`}>
            {humanSize(model.bytes)}
          </span>
        </div>
      ))}
      {rest.length > 0 ? (
        <div className="usage-more">
          <span className="muted small">
            {rest.length.toLocaleString('en-US')} smaller models ({humanSize(rest.reduce((sum, r) => sum + r.model.bytes, 0))}) not drawn
          </span>
          <button type="button" className="btn btn-ghost" onClick={() => setLimit(limit + PAGE * 4)}>
            Show {Math.min(rest.length, PAGE * 4).toLocaleString('en-US')} more
          </button>
        </div>
      ) : null}
    </div>
  );
}
