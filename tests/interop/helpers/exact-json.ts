// JSON from BentoML keeps integers like 2**60 in full; JSON.parse would round them. Node 24's
// reviver sees each number's source text, so such integers come back as bigint.
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepBigInts: Reviver = (_key, value, context) => {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
};

export function parseExactJson(text: string): unknown {
  return JSON.parse(text, keepBigInts);
}

/**
 * A metadata value in the tagged form tests/interop/py/bento_ops.py prints, so TS and Python
 * values compare with toEqual: bigint beyond 2^53 -> {$int}, YamlDate stays {$date},
 * YamlBinary -> {$binary} without line breaks, non-finite numbers -> {$float}, a finite { $float } -> its number.
 */
export function tagged(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const small = Number(value);
    return Number.isSafeInteger(small) ? small : { $int: value.toString() };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $float: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' };
  }
  if (Array.isArray(value)) return value.map(tagged);
  if (value && typeof value === 'object') {
    if ('$binary' in value) return { $binary: String((value as { $binary: string }).$binary).replace(/\s+/g, '') };
    // bento_ops.py prints a finite float as a JSON number (1000.0 arrives as 1000) and only inf/nan as { $float }.
    if ('$float' in value && Object.keys(value).length === 1) {
      const n = Number((value as { $float: string }).$float);
      return Number.isFinite(n) ? n : value;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tagged(v)]));
  }
  return value;
}

/** `bentoml models get -o json` prints dates with str() and big ints in full: the same view of tagged values. */
export function asGetJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asGetJson);
  if (value && typeof value === 'object') {
    if ('$date' in value) return (value as { $date: string }).$date;
    if ('$datetime' in value) return (value as { $datetime: string }).$datetime;
    if ('$int' in value) return BigInt((value as { $int: string }).$int);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asGetJson(v)]));
  }
  return value;
}
