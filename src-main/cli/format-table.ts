/**
 * A plain table like `bentoml models list` (rich Table(box=None), §8.1): every line starts with
 * one space and columns are separated by two. Trailing blanks are trimmed.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string => ` ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

// Code points, not UTF-16 units, so 'Zoë 😀' lines up in a terminal well enough.
function width(s: string): number {
  return [...s].length;
}

/** `creation_time` in the machine's local zone, `YYYY-MM-DD HH:MM:SS`, as BentoML prints it. */
export function localTime(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
