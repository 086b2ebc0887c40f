import type { PyFloat } from './model-types.ts';

// Python keeps int and float apart where a JS number cannot: 1000 and 1000.0, 0 and -0.0, and
// the floats inf and nan that JSON has no literal for. A float whose value JS would take for an
// int (a safe integer, -0 included) or that is not finite travels as { $float: repr(x) }; every
// other finite JS number that is not a safe integer is a float already (format spec §5.2).

/** Python's repr(float): shortest round-trip digits, '.0' for integral values, exponent outside 1e-5..1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const e = Math.abs(exp) < 10 ? `${exp < 0 ? '-' : '+'}0${Math.abs(exp)}` : `${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
    return `${mant}e${e}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** A Python float as a metadata value: a plain number where that is unambiguous, else { $float }. */
export function floatValue(x: number): number | PyFloat {
  return Number.isFinite(x) && !Number.isSafeInteger(x) ? x : { $float: pyFloatRepr(x) };
}

// What float() accepts once Python's repr wrote it (plus the JSON spellings of inf and nan).
const FLOAT_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const SPECIAL: Readonly<Record<string, number>> = {
  inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity, nan: NaN, '+nan': NaN, '-nan': NaN,
};

/** The number a { $float } holds, or null when its text is not a float. */
export function floatFromText(text: string): number | null {
  const special = SPECIAL[text.toLowerCase()];
  if (special !== undefined) return special;
  return FLOAT_TEXT.test(text) ? Number(text) : null;
}
