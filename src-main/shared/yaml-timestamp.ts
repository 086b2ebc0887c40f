// PyYAML's YAML 1.1 timestamp: the implicit resolver (resolver.py) decides whether a plain scalar is one,
// the constructor (constructor.py construct_yaml_timestamp) builds a date or datetime from it (§10.2).

/** PyYAML's implicit timestamp resolver, verbatim (re.X whitespace removed). */
export const YAML_TIMESTAMP_RE =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

const PARTS_RE =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

export interface YamlTimestampParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** null for a bare date (PyYAML `datetime.date`). */
  readonly time: null | {
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    /** Microseconds: the fraction truncated/padded to 6 digits like PyYAML. */
    readonly micros: number;
    /** Offset in minutes east of UTC; null for a naive time. */
    readonly offsetMinutes: number | null;
  };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parts of a YAML 1.1 timestamp, or null when the text is not one or names an impossible instant
 * (PyYAML then raises from `datetime(...)`, which makes the whole file unreadable).
 */
export function parseYamlTimestamp(text: string): YamlTimestampParts | null {
  if (!YAML_TIMESTAMP_RE.test(text)) return null;
  const m = PARTS_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Python's date range: years 1..9999.
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) return { year, month, day, time: null };
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const micros = Number(((m[7] ?? '').slice(0, 6) + '000000').slice(0, 6));
  let offsetMinutes: number | null = null;
  if (m[9] !== undefined) {
    offsetMinutes = (Number(m[10]) * 60 + Number(m[11] ?? 0)) * (m[9] === '-' ? -1 : 1);
    // datetime.timezone refuses offsets of 24 hours or more.
    if (Math.abs(offsetMinutes) >= 24 * 60) return null;
  } else if (m[8] === 'Z') {
    offsetMinutes = 0;
  }
  return { year, month, day, time: { hour, minute, second, micros, offsetMinutes } };
}
