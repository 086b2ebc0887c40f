// Display helpers: relative times with an absolute tooltip, middle ellipsis, durations.
import { humanSize } from '../../src-main/shared/human-size.ts';

export function relativeTime(ms: number, now = Date.now()): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const s = Math.round((now - ms) / 1000);
  if (s < -60) return 'in the future';
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 31) return `${d} d ago`;
  const mo = Math.round(d / 30.44);
  if (mo < 12) return `${mo} mo ago`;
  return `${Math.round(d / 365.25)} y ago`;
}

// One formatter each: toLocaleString with options builds a new Intl formatter per call (about
// 0.1 ms), and every visible row formats a time and a count (issue 13: the search keystroke).
// Same output: toLocaleString(locales, options) is specified as new Intl.DateTimeFormat(...).format.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const integer = new Intl.NumberFormat('en-US');

export function absoluteTime(ms: number): string {
  if (!Number.isFinite(ms)) return 'Unknown time';
  return dateTime.format(ms);
}

/** Keeps both ends of a long version visible: `abcdefgh…uvwxyz`. */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

/** The longest middle-shortened form of `text` that fits `width`, keeping at least `tailMin` end characters. */
export function fitMiddle(text: string, width: number, measure: (s: string) => number, tailMin = 0): string {
  if (measure(text) <= width) return text;
  const shorten = (keep: number): string => {
    const tail = Math.min(Math.max(tailMin, Math.floor(keep / 2)), text.length);
    const head = Math.max(keep - tail, 0);
    return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
  };
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(shorten(mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  return shorten(lo);
}

export function duration(seconds: number): string {
  if (seconds < 1) return 'less than a second';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function speed(bytesPerSecond: number): string {
  return `${humanSize(bytesPerSecond)}/s`;
}

export function count(n: number, word: string, plural = `${word}s`): string {
  return `${integer.format(n)} ${n === 1 ? word : plural}`;
}

/** `/home/ana/bentoml` -> `~/bentoml` when the home is under the user's folder. */
export function shortPath(p: string): string {
  return p.replace(/^\/(?:home|Users)\/[^/]+(?=\/|$)/, '~').replace(/^\/root(?=\/|$)/, '~');
}
