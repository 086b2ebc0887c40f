// Awkward values (§10.2 YAML 1.1 pitfalls) and file trees shared by the interop cases.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Labels, Metadata } from '../../../src-main/shared/model-types.ts';
import { makeHome } from './bentoml.ts';
import { tagged } from './exact-json.ts';

/** Label values that YAML 1.1 would type as bool/int/float/null/timestamp, plus escapes. */
export const AWKWARD_LABELS: Labels = {
  owner: 'ml-team',
  stage: 'yes',
  n: '1e3',
  octal: '0o17',
  eight: '08',
  zero_seven: '017',
  hex: '0x1F',
  sexagesimal: '1:20',
  float: '1.0',
  inf: '.inf',
  on: 'on',
  y: 'y',
  t: 'true',
  nul: 'null',
  tilde: '~',
  eq: '=',
  day: '2025-01-01',
  stamp: '2025-03-15T07:58:12Z',
  name: 'Zoë',
  emoji: '😀',
  empty: '',
  colon: 'a: b',
  hash: '# not a comment',
  quote: `it's "quoted"`,
  padded: '  padded  ',
  multi: 'line1\nline2',
  long: 'x'.repeat(120),
  yes: 'no',
  'clé 😀': 'non-ASCII key',
  'key: with colon': 'v',
};

/** Metadata with nested lists/maps, floats, exact big integers, a YAML date and look-alike strings. */
export const AWKWARD_METADATA: Metadata = {
  accuracy: 0.9667,
  tiny: 1e-7,
  huge: 1.5e300,
  whole_float: 1e21,
  neg: -42,
  zero: 0,
  big: 2n ** 60n,
  neg_big: -(2n ** 63n),
  flag: true,
  off: false,
  day: { $date: '2025-03-15' },
  ts_string: '2025-03-15T07:58:12+00:00',
  yes_string: 'yes',
  exp_string: '1e3',
  empty: '',
  unicode: `Zoë 😀 ${'x'.repeat(120)}`,
  nested: { params: { max_depth: 4, criterion: 'gini', layers: [1, [2, 3], { k: 'v' }] }, m: [[1, 2], [3, 4]] },
  empty_list: [],
  empty_map: {},
  on: 1,
  '1.5': 'float-looking key',
  '007': 'octal-looking key',
  'ключ': 'non-ASCII key',
};

/** The metadata in bento_ops.py's input form (it turns {$int}/{$date} back into Python types). */
export function pythonMetadata(metadata: Metadata): unknown {
  return tagged(metadata);
}

export interface FileSpec {
  readonly path: string;
  readonly size: number;
}

/** A folder tree with nested dirs, a hidden file, an empty file and one large file. */
export function modelTree(largeBytes: number): FileSpec[] {
  return [
    { path: 'model.pkl', size: 4000 },
    { path: '.hidden', size: 17 },
    { path: 'empty.txt', size: 0 },
    { path: 'weights/large.bin', size: largeBytes },
    { path: 'weights/deep/er/layer-1.npy', size: 3000 },
    { path: 'tokenizer/vocab.json', size: 1234 },
    // Longer than tar's 100-byte name field: needs the ustar prefix or a PAX header.
    { path: `long/${'n'.repeat(120)}/${'f'.repeat(120)}.bin`, size: 10 },
    { path: 'spaces and ünïcode/ä b.txt', size: 5 },
  ];
}

/** Writes the tree (random content) into a new temporary folder (removed by `removeHomes()`) and returns it. */
export async function writeTree(files: readonly FileSpec[], parent?: string): Promise<string> {
  const dir = parent === undefined ? await makeHome('src') : await mkdtemp(join(parent, 'shelf-interop-src-'));
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, randomBytes(file.size));
  }
  return dir;
}
