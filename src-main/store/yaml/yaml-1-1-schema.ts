import type { ScalarTag } from 'yaml';
import type { YamlBinary, YamlDate } from '../../shared/model-types.ts';
import { PY_INT_MAX_DIGITS } from '../../shared/value-rules.ts';
import { parseYamlTimestamp, YAML_TIMESTAMP_RE } from '../../shared/yaml-timestamp.ts';

// PyYAML's implicit resolvers (yaml/resolver.py, PyYAML 6), verbatim with re.X whitespace removed.
// They decide the type of every *plain* scalar (§10.2): `yes` is a bool, `1e3` and `0o17` stay strings.
export const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
export const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
export const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
export const NULL_RE = /^(?:~|null|Null|NULL|)$/;
// `=` resolves to tag:yaml.org,2002:value, which safe_load cannot construct (ConstructorError).
export const VALUE_RE = /^=$/;
export { YAML_TIMESTAMP_RE };

export type PlainKind = 'bool' | 'float' | 'int' | 'null' | 'timestamp' | 'value' | 'str';

/** The type PyYAML gives a plain scalar, trying resolvers in PyYAML's registration order. */
// PyYAML only tries a resolver when the first character is one it registered for.
const FIRST_CHARS = /^(?:$|[-+0-9.~nNyYtTfFoO=])/;

export function plainKind(text: string): PlainKind {
  if (!FIRST_CHARS.test(text)) return 'str';
  if (BOOL_RE.test(text)) return 'bool';
  if (FLOAT_RE.test(text)) return 'float';
  if (INT_RE.test(text)) return 'int';
  if (NULL_RE.test(text)) return 'null';
  if (YAML_TIMESTAMP_RE.test(text)) return 'timestamp';
  if (VALUE_RE.test(text)) return 'value';
  return 'str';
}

/** construct_yaml_bool. */
export function constructBool(text: string): boolean {
  const v = text.toLowerCase();
  if (v === 'yes' || v === 'true' || v === 'on') return true;
  if (v === 'no' || v === 'false' || v === 'off') return false;
  throw new Error(`'${text}' is not a YAML boolean`);
}

function toIntValue(big: bigint): number | bigint {
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function bigFromDigits(digits: string, radix: number): bigint {
  if (digits === '' || !/^[0-9a-f]+$/i.test(digits)) throw new Error(`invalid literal for int() with base ${radix}: '${digits}'`);
  // Python 3.11+ (3.10.7+, 3.9.14+) int() refuses long decimal digit strings; bases 2, 8, 16 are exempt.
  if (radix === 10 && digits.length > PY_INT_MAX_DIGITS) {
    throw new Error(`Exceeds the limit (${PY_INT_MAX_DIGITS} digits) for integer string conversion: value has ${digits.length} digits`);
  }
  let out = 0n;
  for (const ch of digits.toLowerCase()) {
    const d = parseInt(ch, 16);
    if (d >= radix) throw new Error(`invalid literal for int() with base ${radix}: '${digits}'`);
    out = out * BigInt(radix) + BigInt(d);
  }
  return out;
}

/** construct_yaml_int: underscores dropped, 0b/0x/leading-0 octal/base-60. Beyond 2^53 -> bigint. */
export function constructInt(text: string): number | bigint {
  let v = text.replace(/_/g, '');
  const sign = v.startsWith('-') ? -1n : 1n;
  if (v.startsWith('-') || v.startsWith('+')) v = v.slice(1);
  let big: bigint;
  if (v === '0') big = 0n;
  else if (v.startsWith('0b')) big = bigFromDigits(v.slice(2), 2);
  else if (v.startsWith('0x')) big = bigFromDigits(v.slice(2), 16);
  else if (v.startsWith('0')) big = bigFromDigits(v, 8);
  else if (v.includes(':')) {
    big = 0n;
    for (const part of v.split(':')) big = big * 60n + bigFromDigits(part, 10);
  } else big = bigFromDigits(v, 10);
  return toIntValue(sign * big);
}

/** construct_yaml_float: underscores dropped, lowercased, .inf/.nan, base-60 with a fraction. */
export function constructFloat(text: string): number {
  let v = text.replace(/_/g, '').toLowerCase();
  const sign = v.startsWith('-') ? -1 : 1;
  if (v.startsWith('-') || v.startsWith('+')) v = v.slice(1);
  if (v === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (v === '.nan') return Number.NaN;
  if (v.includes(':')) {
    // Same summation order as PyYAML (least significant part first), so the float rounds the same.
    let value = 0;
    let base = 1;
    for (const part of v.split(':').reverse()) {
      value += Number(part) * base;
      base *= 60;
    }
    return sign * value;
  }
  const n = Number(v);
  if (v === '' || Number.isNaN(n)) throw new Error(`could not convert string to float: '${text}'`);
  return sign * n;
}

/** construct_yaml_timestamp: kept as its source text; impossible dates fail like `datetime(...)`. */
export function constructTimestamp(text: string): YamlDate {
  if (parseYamlTimestamp(text) === null) throw new Error(`'${text}' is not a valid YAML timestamp`);
  return { $date: text };
}

/** construct_yaml_binary: base64 (line breaks dropped), kept as text. */
export function constructBinary(text: string): YamlBinary {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) throw new Error('Incorrect padding in !!binary data');
  return { $binary: compact };
}

/** The typed value of a plain scalar, exactly as PyYAML's safe_load builds it. */
export function resolvePlain(text: string): unknown {
  switch (plainKind(text)) {
    case 'bool':
      return constructBool(text);
    case 'float':
      return constructFloat(text);
    case 'int':
      return constructInt(text);
    case 'null':
      return null;
    case 'timestamp':
      return constructTimestamp(text);
    case 'value':
      throw new Error("could not determine a constructor for the tag 'tag:yaml.org,2002:value'");
    default:
      return text;
  }
}

const Y = 'tag:yaml.org,2002:';

function pair(name: string, test: RegExp, resolve: (s: string) => unknown): ScalarTag[] {
  // One entry with `test` for plain scalars, one without for explicit `!!name` tags (which PyYAML
  // constructs whatever the text looks like).
  return [
    { tag: Y + name, default: true, test, resolve },
    { tag: Y + name, default: false, resolve },
  ] as ScalarTag[];
}

/** `customTags` for the `yaml` package's failsafe schema that reproduce PyYAML's typing. */
export const PYYAML_TAGS: ScalarTag[] = [
  ...pair('bool', BOOL_RE, constructBool),
  ...pair('float', FLOAT_RE, constructFloat),
  ...pair('int', INT_RE, constructInt),
  ...pair('null', NULL_RE, () => null),
  ...pair('timestamp', YAML_TIMESTAMP_RE, constructTimestamp),
  ...pair('value', VALUE_RE, () => {
    throw new Error("could not determine a constructor for the tag 'tag:yaml.org,2002:value'");
  }),
  { tag: Y + 'binary', default: false, resolve: constructBinary },
];
