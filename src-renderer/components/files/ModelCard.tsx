// A version's model card (its README.md at the root) at the top of the Overview (issue 12 view
// 17), collapsed to a sensible height with "Show all". The Markdown is rendered safely by
// CardMarkdown (no raw HTML, no image or link reaches the network).
import { useEffect, useRef, useState } from 'react';
import { humanSize } from '../../../src-main/shared/human-size.ts';
import { useFilePreview, withoutFrontMatter } from '../../state/files/use-file-preview.ts';
import { CardMarkdown } from './CardMarkdown.tsx';

export function ModelCard({ tag, name, revision }: { tag: string; name: string; revision: unknown }) {
  const state = useFilePreview(tag, name, revision);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const text = state?.status === 'ready' && state.preview.kind === 'text' ? state.preview.text : null;
  useEffect(() => {
    const el = body.current;
    if (!el) return undefined;
    // Whether "Show all" has anything to show: the card's content against its collapsed height.
    const measure = (): void => setOverflows(el.scrollHeight > el.clientHeight + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [text]);
  if (state === null || state.status === 'loading') return null;
  if (state.status === 'error') {
    return (
      <p className="model-card-error muted small" role="note">
        The model card ({name}) cannot be shown: {state.error.message}
      </p>
    );
  }
  if (state.preview.kind !== 'text') return null;
  const preview = state.preview;
  return (
    <section className={`model-card${expanded ? ' expanded' : ''}${overflows ? ' overflows' : ''}`} aria-label="Model card">
      <header className="model-card-head">
        <h3 className="section-title">Model card</h3>
        <span className="muted small mono">{name}</span>
      </header>
      <div className="model-card-body markdown" ref={body} id={`model-card-${tag}`}>
        <div className="model-card-content">
          <CardMarkdown text={withoutFrontMatter(preview.text)} />
          {preview.truncated ? <p className="muted small">Showing the first {humanSize(preview.bytesRead)} of {humanSize(preview.size)}.</p> : null}
        </div>
      </div>
      {overflows || expanded ? (
        <button type="button" className="model-card-toggle link-button" aria-expanded={expanded} aria-controls={`model-card-${tag}`} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show all'}
        </button>
      ) : null}
    </section>
  );
}
