import { ShelfError } from '../../shared/errors.ts';
import { floatFromText } from '../../shared/py-float.ts';
import { wrapperKind } from '../../shared/value-rules.ts';
import type { ModelInfo } from './model-info.ts';
import { plainKind, YAML_TIMESTAMP_RE } from './yaml-1-1-schema.ts';

// Writes model.yaml the way BentoML reads it back unchanged (§3.1, §3.2, §10.2): field order of
// ModelInfo, block style, ASCII only, every string quoted (so `yes`, `1e3`, `08` stay strings).

const SHORT_ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\',
};
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// A key written plain must be a plain string to PyYAML too.
const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;
// PyYAML refuses implicit keys longer than 1024 characters.
const MAX_KEY = 1000;

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** A YAML string scalar PyYAML reads back as the same str: single-quoted, or double-quoted with escapes. */
export function quoteString(s: string): string {
  if (PRINTABLE_ASCII.test(s)) return `'${s.replace(/'/g, "''")}'`;
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    // Astral characters as \U, never as a surrogate pair: PyYAML would read two lone surrogates.
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

function key(k: string): string {
  if (k.length > MAX_KEY) throw new ShelfError('INVALID_METADATA', `The key '${k.slice(0, 40)}...' is longer than ${MAX_KEY} characters, which YAML cannot store as a key.`);
  return SAFE_KEY.test(k) && plainKind(k) === 'str' ? k : quoteString(k);
}

/** A float PyYAML reads back as the same float: always with a '.', so `1000.0` never turns into the int 1000. */
function formatFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  // PyYAML's float resolver needs a '.' in the mantissa and a sign in the exponent (`1e-7` alone would be a string there).
  const s = String(n);
  if (!s.includes('e')) return s.includes('.') ? s : `${s}.0`;
  const [mant = '', exp = ''] = s.split('e');
  return `${mant.includes('.') ? mant : `${mant}.0`}e${exp}`;
}

/** A plain JS number: a safe integer is an int; any other number is a float (`1e20` -> `100000000000000000000.0`). */
function formatNumber(n: number): string {
  return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : formatFloat(n);
}

function scalar(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return value.length === 0 ? '[]' : null;
      switch (wrapperKind(value as Record<string, unknown>)) {
        case '$float': {
          const n = floatFromText((value as { $float: string }).$float);
          if (n === null) throw new ShelfError('INVALID_METADATA', `'${(value as { $float: string }).$float}' is not a float.`);
          return formatFloat(n);
        }
        case '$date': {
          const text = (value as { $date: string }).$date;
          // Plain, so PyYAML builds a date again (§5.2).
          if (!YAML_TIMESTAMP_RE.test(text)) throw new ShelfError('INVALID_METADATA', `'${text}' is not a YAML date.`);
          return text;
        }
        case '$binary':
          return `!!binary '${(value as { $binary: string }).$binary}'`;
        default:
          return Object.keys(value).length === 0 ? '{}' : null;
      }
    default:
      throw new ShelfError('INVALID_METADATA', `A ${typeof value} cannot be written to model.yaml.`);
  }
}

function emit(value: unknown, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = scalar(item);
      if (s !== null) lines.push(`${indent}- ${s}`);
      else {
        // `- - 1` / `- a: 1`: the item's first line shares the dash line, like PyYAML.
        const start = lines.length;
        emit(item, `${indent}  `, lines);
        lines[start] = `${indent}- ${(lines[start] ?? '').slice(indent.length + 2)}`;
      }
    }
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const s = scalar(v);
    if (s !== null) lines.push(`${indent}${key(k)}: ${s}`);
    else {
      lines.push(`${indent}${key(k)}:`);
      // Lists sit at their key's indent, maps two spaces in (PyYAML's block style).
      emit(v, Array.isArray(v) ? indent : `${indent}  `, lines);
    }
  }
}

/** One top-level `key: value` entry exactly as serializeModelYaml writes it (store/edit/ splices it into an existing file). */
export function serializeTopLevelEntry(key: string, value: unknown): string {
  const lines: string[] = [];
  emit(Object.fromEntries([[key, value]]), '', lines);
  return `${lines.join('\n')}\n`;
}

export function serializeModelYaml(info: ModelInfo): string {
  const doc: Record<string, unknown> = {
    name: info.name,
    version: info.version,
    module: info.module,
    labels: info.labels,
    options: info.options,
    metadata: info.metadata,
    context: {
      framework_name: info.context.framework_name,
      framework_versions: info.context.framework_versions,
      ...(info.context.bentoml_version === undefined ? {} : { bentoml_version: info.context.bentoml_version }),
      ...(info.context.python_version === undefined ? {} : { python_version: info.context.python_version }),
    },
    signatures: info.signatures,
    api_version: info.api_version,
    creation_time: info.creation_time,
  };
  for (const [k, v] of Object.entries(info.extra)) if (!(k in doc)) doc[k] = v;
  const lines: string[] = [];
  emit(doc, '', lines);
  return `${lines.join('\n')}\n`;
}
