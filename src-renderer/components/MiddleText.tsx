// Text shortened in the middle to the width it has: `sentiment_…distilbert`, `/tmp/shel…/bentoml`.
// CSS can only cut at the end, so the fitting is measured: a ResizeObserver reports the box's
// width after layout (no forced layout), canvas measures the text (no layout at all). A list row
// does this once when it is shown, so a 10,000-version store costs only the visible rows.
import { useLayoutEffect, useRef } from 'react';
import { fitMiddle } from '../state/format.ts';
import { markedRuns } from '../state/search-match.ts';

let canvas: HTMLCanvasElement | null = null;
const fonts = new Map<string, string>();

/** Text width in the element's font; the font is read once per class name (style recalc). */
function measurer(el: HTMLElement, key: string): (s: string) => number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return (s) => s.length * 8;
  let font = fonts.get(key);
  if (font === undefined) {
    // Built from the parts: the `font` shorthand serializes to '' when a part has no shorthand form.
    const cs = getComputedStyle(el);
    font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    fonts.set(key, font);
  }
  ctx.font = font;
  return (s) => ctx.measureText(s).width;
}

/**
 * Shows `text` shortened in the middle to fit; the full text is the tooltip (unless `title` says
 * otherwise) and, when shortened, what assistive tech reads (a visually hidden copy). `fluid`: the
 * box's width follows its content (a shrink-to-fit flex item such as the title bar's path), so
 * the room it has is read with the full text in place. `mark`: [start, end) of `text` to mark (what
 * a search found), kept marked in whatever of it stays visible when the text is shortened.
 */
export function MiddleText({ text, className = '', tailMin = 0, title = text, fluid = false, mark = null }: { text: string; className?: string; tailMin?: number; title?: string; fluid?: boolean; mark?: readonly [number, number] | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  const fullRef = useRef<HTMLSpanElement>(null);
  const markStart = mark?.[0] ?? -1;
  const markEnd = mark?.[1] ?? -1;
  useLayoutEffect(() => {
    const el = ref.current;
    const full = fullRef.current;
    if (!el || !full) return;
    const marked = markStart >= 0 && markEnd > markStart;
    el.textContent = '';
    const show = (shown: string): void => {
      if (marked) {
        if (el.dataset.shown !== shown) {
          el.dataset.shown = shown;
          el.replaceChildren(
            ...markedRuns(text, shown, [markStart, markEnd]).map((r) => {
              if (!r.mark) return document.createTextNode(r.text);
              const m = document.createElement('mark');
              m.className = 'search-hit';
              m.textContent = r.text;
              return m;
            }),
          );
        }
      } else if (el.textContent !== shown) el.textContent = shown;
      const short = shown !== text;
      if (short) el.setAttribute('aria-hidden', 'true');
      else el.removeAttribute('aria-hidden');
      full.textContent = short ? text : '';
    };
    const fitFluid = (): void => {
      show(text);
      // Shrinking with its content, the box can end up narrower than the shortened text; a
      // second pass or two settles it.
      for (let pass = 0; pass < 4 && el.clientWidth > 0 && el.scrollWidth > el.clientWidth; pass += 1) {
        show(fitMiddle(text, el.clientWidth, measurer(el, className), tailMin));
      }
    };
    show(text);
    if (fluid) fitFluid();
    const observer = new ResizeObserver(([entry]) => {
      if (fluid) return fitFluid();
      const width = entry?.contentRect.width ?? 0;
      // 1 px of slack: canvas and layout can round a sub-pixel apart.
      if (width > 0) show(fitMiddle(text, width - 1, measurer(el, className), tailMin));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      delete el.dataset.shown;
    };
  }, [text, tailMin, fluid, className, markStart, markEnd]);
  return (
    <span className={`middle-text${className ? ` ${className}` : ''}`} title={title || undefined}>
      <span ref={ref} className="middle-shown" />
      <span ref={fullRef} className="visually-hidden" />
    </span>
  );
}
