// JSON for people and scripts: bigint metadata (PyYAML ints beyond 2^53) is printed as a JSON
// number with every digit, a finite float that JS would print as an int ({ $float: '1000.0' })
// as `1000.0` (json.loads reads a float again; inf and nan, which JSON cannot hold, keep their
// { $float } form), and YAML dates ({ $date }) as their date string.

const rawJSON = (JSON as unknown as { rawJSON: (text: string) => unknown }).rawJSON;

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return rawJSON(value.toString());
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date') return (value as { $date: string }).$date;
    if (keys.length === 1 && keys[0] === '$float') {
      const text = (value as { $float: unknown }).$float;
      if (typeof text === 'string' && /^-?\d+(?:\.\d+)?(?:e[-+]\d+)?$/.test(text)) return rawJSON(text);
    }
  }
  return value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer, 2);
}
