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
  // What the box shows: `text` fitted to the width the observer last reported, and the marks drawn
  // over it. A search keystroke moves the marks, and in a list row whose model changed, the text
  // (issue 13): both are redrawn at the width already known, without a new observer or a second layout.
  const view = useRef<View | null>(null);

  // Declared first, so that on mount the text and marks are known before the fitting below draws.
  useLayoutEffect(() => {
    const v = view.current;
    const el = ref.current;
    const full = fullRef.current;
    if (!v || !el || !full) {
      view.current = { text, shown: text, start: markStart, end: markEnd, drawn: '', width: 0 };
      return;
    }
    v.start = markStart;
    v.end = markEnd;
    if (v.text !== text) {
      v.text = text;
      // A fluid box's room depends on its text: the fitting below measures it again.
      v.shown = v.width > 0 && !fluid ? fitMiddle(text, v.width - 1, measurer(el, className), tailMin) : text;
    }
    draw(el, full, v);
  }, [text, markStart, markEnd, fluid, className, tailMin]);

  // The fitting: an observer per box, kept while the box is. A fluid box is fitted again when its text changes.
  const fluidText = fluid ? text : null;
  useLayoutEffect(() => {
    const el = ref.current;
    const full = fullRef.current;
    const v = view.current;
    if (!el || !full || !v) return;
    const show = (shown: string): void => {
      v.shown = shown;
      draw(el, full, v);
    };
    const fitFluid = (): void => {
      show(v.text);
      // Shrinking with its content, the box can end up narrower than the shortened text; a
      // second pass or two settles it.
      for (let pass = 0; pass < 4 && el.clientWidth > 0 && el.scrollWidth > el.clientWidth; pass += 1) {
        show(fitMiddle(v.text, el.clientWidth, measurer(el, className), tailMin));
      }
    };
    show(v.text);
    if (fluid) fitFluid();
    const observer = new ResizeObserver(([entry]) => {
      if (fluid) return fitFluid();
      const width = entry?.contentRect.width ?? 0;
      v.width = width;
      // 1 px of slack: canvas and layout can round a sub-pixel apart.
      if (width > 0) show(fitMiddle(v.text, width - 1, measurer(el, className), tailMin));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      v.drawn = '';
      v.width = 0;
    };
  }, [fluidText, tailMin, fluid, className]);
  return (
    <span className={`middle-text${className ? ` ${className}` : ''}`} title={title || undefined}>
      <span ref={ref} className="middle-shown" />
      <span ref={fullRef} className="visually-hidden" />
    </span>
  );
}

interface View {
  text: string;
  /** `text` as fitted to `width`. */
  shown: string;
  start: number;
  end: number;
  /** What the box shows now, as drawn: nothing is written when it would stay the same. */
  drawn: string;
  /** The box's width as the observer last reported it; 0 until it has. */
  width: number;
}

/** Writes what `v` says into the box, touching only what differs from what it shows. */
function draw(el: HTMLElement, full: HTMLElement, v: View): void {
  const marked = v.start >= 0 && v.end > v.start;
  const key = marked ? `${v.start}:${v.end}:${v.shown}` : `:${v.shown}`;
  if (v.drawn === key) return;
  v.drawn = key;
  if (marked) drawRuns(el, markedRuns(v.text, v.shown, [v.start, v.end]));
  else el.textContent = v.shown;
  const short = v.shown !== v.text;
  if (short) el.setAttribute('aria-hidden', 'true');
  else el.removeAttribute('aria-hidden');
  const hidden = short ? v.text : '';
  if (full.textContent !== hidden) full.textContent = hidden;
}

/** The runs as text nodes and <mark>s; the nodes already there are reused when the pattern is the same. */
function drawRuns(el: HTMLElement, runs: readonly { text: string; mark: boolean }[]): void {
  const nodes = el.childNodes;
  const same = nodes.length === runs.length && runs.every((r, i) => (r.mark ? nodes[i]!.nodeName === 'MARK' : nodes[i]!.nodeType === Node.TEXT_NODE));
  if (same) {
    runs.forEach((r, i) => {
      const node = nodes[i]!;
      if (node.textContent !== r.text) node.textContent = r.text;
    });
    return;
  }
  el.replaceChildren(
    ...runs.map((r) => {
      if (!r.mark) return document.createTextNode(r.text);
      const m = document.createElement('mark');
      m.className = 'search-hit';
      m.textContent = r.text;
      return m;
    }),
  );
}
