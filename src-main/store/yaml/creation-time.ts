import { daysInMonth, parseYamlTimestamp } from '../../shared/yaml-timestamp.ts';

export interface ParsedCreationTime {
  /** Epoch milliseconds (floor). */
  readonly ms: number;
  /** Epoch microseconds, exact (Python's datetime resolution); use it to order. */
  readonly micros: number;
  /** False for a naive time (no offset): BentoML's list then raises TypeError (§3.4). */
  readonly aware: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** §3.4 writer rule: `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, always 6 digits, never Z, never naive. */
export function formatCreationTime(date: Date = new Date()): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `.${pad(date.getUTCMilliseconds(), 3)}000+00:00`
  );
}

// What Python 3.11+ datetime.fromisoformat accepts in practice for stored creation_time strings.
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:(Z)|([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?)?$/;

function civilToMicros(y: number, mo: number, d: number, h: number, mi: number, s: number, us: number): number {
  // Date.UTC reads years 0-99 as 1900-1999; only those need the Date object.
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us;
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  utc.setUTCHours(h, mi, s, 0);
  return utc.getTime() * 1000 + us;
}

function finish(micros: number, offsetMinutes: number | null): ParsedCreationTime {
  const utcMicros = micros - (offsetMinutes ?? 0) * 60_000_000;
  return { ms: Math.floor(utcMicros / 1000), micros: utcMicros, aware: offsetMinutes !== null };
}

// The last answer: a scan asks for the same text twice in a row (the model.yaml check, then the
// version's instant). Its fields are readonly, so sharing it is safe.
let lastText: string | undefined;
let lastResult: ParsedCreationTime | null = null;

/** Lenient §3.4 reader: fraction absent/3/6 digits, any ±HH:MM, Z, and PyYAML timestamp forms. */
export function parseCreationTime(text: string): ParsedCreationTime | null {
  if (text !== lastText) {
    lastResult = parseCreationTimeOnce(text);
    lastText = text;
  }
  return lastResult;
}

function parseCreationTimeOnce(text: string): ParsedCreationTime | null {
  const m = ISO_RE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    if (d > daysInMonth(y, mo)) return null;
    const us = Number(((m[7] ?? '') + '000000').slice(0, 6));
    let offset: number | null = null;
    if (m[8] === 'Z') offset = 0;
    else if (m[9] !== undefined) offset = (Number(m[10]) * 60 + Number(m[11] ?? 0)) * (m[9] === '-' ? -1 : 1);
    return finish(civilToMicros(y, mo, d, h, mi, s, us), offset);
  }
  const yamlTs = parseYamlTimestamp(text);
  if (!yamlTs) return null;
  const t = yamlTs.time;
  return finish(
    civilToMicros(yamlTs.year, yamlTs.month, yamlTs.day, t?.hour ?? 0, t?.minute ?? 0, t?.second ?? 0, t?.micros ?? 0),
    t?.offsetMinutes ?? null,
  );
}

/** Orders by absolute instant with microsecond precision; unreadable times sort as the oldest. */
export function compareCreationTime(a: string, b: string): number {
  const x = parseCreationTime(a)?.micros ?? Number.NEGATIVE_INFINITY;
  const y = parseCreationTime(b)?.micros ?? Number.NEGATIVE_INFINITY;
  return x === y ? 0 : x < y ? -1 : 1;
}
