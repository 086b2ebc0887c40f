import { describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { parseModelYaml, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';

// Format spec §3.6 example A, byte for byte.
const EXAMPLE_A = `name: iris_clf
version: o5g63lqaw2vfypbc
module: ''
labels:
  owner: ml-team
  stage: dev
options: {}
metadata:
  accuracy: 0.9667
  dataset: iris
  n_estimators: 100
  feature_names:
  - sepal_length
  - sepal_width
  - petal_length
  - petal_width
  params:
    max_depth: 4
    criterion: gini
context:
  framework_name: ''
  framework_versions: {}
  bentoml_version: 1.4.38
  python_version: 3.11.7
signatures: {}
api_version: v1
creation_time: '2025-03-14T09:26:53.413218+00:00'
`;

// §3.6 example C: escapes, folding, label coercion by BentoML, a YAML date.
const EXAMPLE_C = `name: iris_clf
version: p3qjnmqboovfypbc
module: ''
labels:
  owner: "Zo\\xEB"
  version: '2'
  approved: 'True'
  stage: 'yes'
options: {}
metadata:
  trained_at: '2025-03-15T07:58:12+00:00'
  eval_date: 2025-03-15
  notes: Random forest trained on the UCI iris data set after removing two duplicated
    rows; 5-fold CV.
  threshold: 1e3
  confusion:
  - - 50
    - 0
    - 0
  - - 0
    - 47
    - 3
  dims:
  - 4
  - 3
context:
  framework_name: ''
  framework_versions: {}
  bentoml_version: 1.4.38
  python_version: 3.11.7
signatures: {}
api_version: v1
creation_time: '2025-03-15T08:00:01.000096+00:00'
`;

// Written by BentoML 1.4.40 (bentoml.models.create with awkward metadata), trimmed.
const BENTOML_WRITTEN = `name: iris_clf
version: ngikoexibs5ggax4
module: ''
labels:
  owner: "Zo\\xEB"
  n: 1e3
options: {}
metadata:
  notes: "Random forest trained on the UCI iris data set after removing two duplicated\\
    \\ rows; 5-fold CV. Zo\\xEB \\U0001F600 xx"
  big: 1152921504606846976
  bigger: 1000000000000000000000000000000
  f: 1.0
  nan: .nan
  inf: -.inf
  b: !!binary |
    aGkA/w==
  nl: "a\\nb\\tc\\\\d'e\\""
  esc: "\\a\\e\\N\\L\\P\\_"
  nested:
    a:
    - x: 1
      y:
      - 1
      - 2
    - s
    empty: {}
    el: []
  'yes': 'no'
  t: true
context:
  framework_name: ''
  framework_versions: {}
  bentoml_version: 1.4.40
  python_version: 3.11.7
signatures: {}
api_version: v1
creation_time: '2026-11-24T13:39:03.354150+00:00'
`;

function withLine(key: string, replacement: string | null, text = EXAMPLE_A): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  let end = start + 1;
  while (end < lines.length && (lines[end]?.startsWith(' ') || lines[end]?.startsWith('-'))) end++;
  lines.splice(start, end - start, ...(replacement === null ? [] : [replacement]));
  return lines.join('\n');
}

function brokenReason(text: string): string {
  try {
    parseModelYaml(text);
  } catch (error) {
    if (isShelfError(error) && error.code === 'BROKEN_MODEL') return error.message;
    throw error;
  }
  throw new Error('expected BROKEN_MODEL');
}

describe('parseModelYaml: what BentoML writes', () => {
  it('reads example A', () => {
    const info = parseModelYaml(EXAMPLE_A);
    expect(info).toEqual({
      name: 'iris_clf',
      version: 'o5g63lqaw2vfypbc',
      module: '',
      labels: { owner: 'ml-team', stage: 'dev' },
      options: {},
      metadata: {
        accuracy: 0.9667,
        dataset: 'iris',
        n_estimators: 100,
        feature_names: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
        params: { max_depth: 4, criterion: 'gini' },
      },
      context: { framework_name: '', framework_versions: {}, bentoml_version: '1.4.38', python_version: '3.11.7' },
      signatures: {},
      api_version: 'v1',
      creation_time: '2025-03-14T09:26:53.413218+00:00',
      extra: {},
    });
  });

  it('reads the same from CRLF line endings (Windows text mode)', () => {
    expect(parseModelYaml(EXAMPLE_A.replace(/\n/g, '\r\n'))).toEqual(parseModelYaml(EXAMPLE_A));
  });

  it('reads example C: escapes, folded plain scalar, YAML date, 1e3 as a string', () => {
    const info = parseModelYaml(EXAMPLE_C);
    expect(info.labels).toEqual({ owner: 'Zoë', version: '2', approved: 'True', stage: 'yes' });
    expect(info.metadata).toEqual({
      trained_at: '2025-03-15T07:58:12+00:00',
      eval_date: { $date: '2025-03-15' },
      notes: 'Random forest trained on the UCI iris data set after removing two duplicated rows; 5-fold CV.',
      threshold: '1e3',
      confusion: [[50, 0, 0], [0, 47, 3]],
      dims: [4, 3],
    });
  });

  it('reads big ints exactly, binary, nan/inf, escapes and nested lists of maps', () => {
    const info = parseModelYaml(BENTOML_WRITTEN);
    expect(info.labels).toEqual({ owner: 'Zoë', n: '1e3' });
    expect(info.metadata).toEqual({
      notes: 'Random forest trained on the UCI iris data set after removing two duplicated rows; 5-fold CV. Zoë 😀 xx',
      big: 1152921504606846976n,
      bigger: 10n ** 30n,
      f: { $float: '1.0' },
      nan: { $float: 'nan' },
      inf: { $float: '-inf' },
      b: { $binary: 'aGkA/w==' },
      nl: 'a\nb\tc\\d\'e"',
      esc: '\u0007\u001b\u0085\u2028\u2029\u00a0',
      nested: { a: [{ x: 1, y: [1, 2] }, 's'], empty: {}, el: [] },
      yes: 'no',
      t: true,
    });
    expect(info.context.bentoml_version).toBe('1.4.40');
  });

  it.each([
    ["'2025-03-14T10:02:07+00:00'", '2025-03-14T10:02:07+00:00'],
    ['2025-03-14 09:26:53.413218+00:00', '2025-03-14 09:26:53.413218+00:00'],
    ['2025-03-14T09:26:53Z', '2025-03-14T09:26:53Z'],
    ["'2025-03-14T09:26:53.413Z'", '2025-03-14T09:26:53.413Z'],
    ["'2025-03-14T14:56:53.413+05:30'", '2025-03-14T14:56:53.413+05:30'],
    ['2025-03-14T04:26:53-05:00', '2025-03-14T04:26:53-05:00'],
    ["'2025-03-14'", '2025-03-14'],
  ])('keeps creation_time %s as its text', (yaml, text) => {
    expect(parseModelYaml(withLine('creation_time', `creation_time: ${yaml}`)).creation_time).toBe(text);
  });
});

describe('parseModelYaml: BentoML load rules (§3.5)', () => {
  it("coerces label values with Python's str()", () => {
    const labels = [
      'labels:', '  a: 1.0', '  b: 1e3', '  c: 1.5e+20', '  d: 0.00001', '  e: .inf', '  f: 2025-03-15',
      '  g: 2025-03-15 01:02:03.5Z', "  h: [1, 'x', 1.0]", '  i: {a: 1}', '  j: !!binary aGk=', '  k: ~', '  l: yes', '  1: int key',
    ].join('\n');
    // Expected values recorded from BentoML 1.4.40's Model.from_path.
    expect(parseModelYaml(withLine('labels', labels)).labels).toEqual({
      a: '1.0', b: '1e3', c: '1.5e+20', d: '1e-05', e: 'inf', f: '2025-03-15', g: '2025-03-15 01:02:03.500000+00:00',
      h: "[1, 'x', 1.0]", i: "{'a': 1}", j: "b'hi'", k: 'None', l: 'True', 1: 'int key',
    });
  });

  it('coerces string fields with str() like cattrs', () => {
    expect(parseModelYaml(withLine('module', 'module: 123')).module).toBe('123');
    expect(parseModelYaml(withLine('module', 'module: null')).module).toBe('None');
    expect(parseModelYaml(withLine('api_version', 'api_version: 1')).api_version).toBe('1');
  });

  it('lowercases name and version like Tag()', () => {
    const info = parseModelYaml(withLine('name', 'name: Iris_CLF', withLine('version', 'version: O5G63LQAW2VFYPBC')));
    expect([info.name, info.version]).toEqual(['iris_clf', 'o5g63lqaw2vfypbc']);
  });

  it('applies the back-compat rewrites and keeps unknown keys', () => {
    const text = EXAMPLE_A.replace('  python_version: 3.11.7\n', '  python_version: 3.11.7\n  pip_dependencies: [x]\n')
      .replace('framework_versions: {}', 'framework_versions: {sklearn: 1.4}')
      .replace('signatures: {}\n', '')
      .concat('bentoml_version: 0.13.1\nshelf_note: hello\nzz: {a: [1]}\n');
    const info = parseModelYaml(text);
    expect(info.context.framework_versions).toEqual({});
    expect(info.signatures).toEqual({});
    expect(info.extra).toEqual({ shelf_note: 'hello', zz: { a: [1] } });
  });

  it('leaves a missing context.bentoml_version/python_version missing, and writes it back missing', () => {
    const info = parseModelYaml(EXAMPLE_A.replace('  bentoml_version: 1.4.38\n  python_version: 3.11.7\n', ''));
    expect(info.context).toEqual({ framework_name: '', framework_versions: {} });
    expect(serializeModelYaml(info)).toContain("context:\n  framework_name: ''\n  framework_versions: {}\nsignatures:");
  });

  it('takes the last of duplicate keys, like a Python dict', () => {
    expect(parseModelYaml(`${EXAMPLE_A}api_version: v2\n`).api_version).toBe('v2');
  });

  it('accepts int and float metadata keys and signatures with extra fields', () => {
    const info = parseModelYaml(withLine('metadata', 'metadata:\n  1: x\n  1.5: y', withLine('signatures', "signatures:\n  __call__:\n    batchable: 'false'\n    foo: 1")));
    expect(info.metadata).toEqual({ 1: 'x', '1.5': 'y' });
    expect(info.signatures).toEqual({ __call__: { batchable: 'false', foo: 1 } });
  });
});

describe('parseModelYaml: broken files, with a reason', () => {
  it.each([
    ['name', "'name'"], ['version', "'version'"], ['module', "'module'"], ['labels', "'labels'"], ['options', "'options'"],
    ['metadata', "'metadata'"], ['context', "'context'"], ['api_version', "'api_version'"], ['creation_time', "'creation_time'"],
  ])('missing %s', (key, named) => {
    expect(brokenReason(withLine(key, null))).toContain(named);
  });

  it('missing context.framework_name / framework_versions', () => {
    expect(brokenReason(EXAMPLE_A.replace("  framework_name: ''\n", ''))).toContain("'context.framework_name'");
    expect(brokenReason(EXAMPLE_A.replace('  framework_versions: {}\n', ''))).toContain("'context.framework_versions'");
  });

  it.each([
    ['empty file', ''],
    ['a list', '- a\n- b\n'],
    ['a YAML syntax error', 'name: [a\n'],
    ['a truncated file', EXAMPLE_A.slice(0, 120)],
    ['labels: null', withLine('labels', 'labels: null')],
    ['labels as a list', withLine('labels', 'labels: [a]')],
    ['metadata: null', withLine('metadata', 'metadata: null')],
    ['null deep in metadata', withLine('metadata', 'metadata:\n  params:\n    layers: [1, 2, ~]')],
    ['a null metadata key', withLine('metadata', 'metadata:\n  ~: x')],
    ['a date metadata key', withLine('metadata', 'metadata:\n  2025-01-01: x')],
    ['options: null', withLine('options', 'options: null')],
    ['signatures: null', withLine('signatures', 'signatures: null')],
    ['a bare int batch_dim', withLine('signatures', 'signatures:\n  __call__:\n    batchable: true\n    batch_dim: 0')],
    ['framework_versions: null', EXAMPLE_A.replace('framework_versions: {}', 'framework_versions: null')],
    ['an unquoted numeric version', withLine('version', 'version: 1234')],
    ['an unquoted numeric name', withLine('name', 'name: 123')],
    ['an invalid name', withLine('name', "name: 'iris clf'")],
    ['a date-only unquoted creation_time', withLine('creation_time', 'creation_time: 2025-03-14')],
    ['a numeric creation_time', withLine('creation_time', 'creation_time: 5')],
    ['a creation_time that is not a time', withLine('creation_time', "creation_time: 'yesterday'")],
    ['an = value', withLine('module', 'module: =')],
    ['a python tag', withLine('module', 'module: !!python/name:os.system')],
  ])('%s', (_what, text) => {
    expect(brokenReason(text).length).toBeGreaterThan(10);
  });

  it('names the path of a null in metadata', () => {
    expect(brokenReason(withLine('metadata', 'metadata:\n  params:\n    layers: [1, 2, ~]'))).toContain("'params.layers[2]'");
  });
  it('says why an unquoted version fails', () => {
    expect(brokenReason(withLine('version', 'version: 1234'))).toContain('not a string');
  });
  it("quotes BentoML's tag message for an invalid name", () => {
    expect(brokenReason(withLine('name', "name: 'iris clf'"))).toContain("model.yaml name 'iris clf' is not a valid BentoML tag");
  });
});
