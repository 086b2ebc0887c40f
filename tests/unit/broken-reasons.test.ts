import { describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';

// A broken version's reason is shown as-is in `list`, `get`, the window and import errors: it must
// be one clean sentence, never the YAML parser's multi-line message with its code excerpt.
const GOOD = `name: iris_clf\nversion: v1\nmodule: ''\nlabels: {}\noptions: {}\nmetadata: {}\ncontext:\n  framework_name: ''\n  framework_versions: {}\n  bentoml_version: 1.4.38\n  python_version: 3.11.7\nsignatures: {}\napi_version: v1\ncreation_time: '2025-03-14T09:26:53.413218+00:00'\n`;
const replace = (key: string, line: string): string => GOOD.replace(new RegExp(`^${key}:.*$`, 'm'), line);

function reason(text: string): string {
  try {
    parseModelYaml(text);
  } catch (error) {
    if (isShelfError(error) && error.code === 'BROKEN_MODEL') return error.message;
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('broken model.yaml reasons', () => {
  it('a YAML syntax error names the line and column and the short reason', () => {
    expect(reason('name: iris_clf\nversion: v1\nfoo\nbar: 1\n')).toBe('model.yaml is not valid YAML at line 3, column 1: implicit keys need to be on a single line.');
    expect(reason("name: 'abc\n")).toBe("model.yaml is not valid YAML at line 2, column 1: missing closing 'quote.");
    expect(reason('name: a\n\tversion: b\n')).toBe('model.yaml is not valid YAML at line 2, column 1: tabs are not allowed as indentation.');
  });

  it('a bad value tag names where it is', () => {
    expect(reason(replace('module', 'module: !!bool maybe'))).toBe("model.yaml is not valid YAML at line 3, column 9: 'maybe' is not a YAML boolean.");
  });

  it.each([
    ['a syntax error', 'name: [a\n'],
    ['a truncated file', GOOD.slice(0, 60)],
    ['an undefined alias', replace('module', 'module: *nope')],
    ['a merge key as a value', replace('module', 'module: <<')],
    ['a merge of a number', replace('options', 'options:\n  <<: 5')],
    ['deep nesting', `name: ${'['.repeat(300)}${']'.repeat(300)}\n`],
    ['an unknown tag', replace('module', 'module: !!python/name:os.system')],
    ['an invalid name', replace('name', "name: 'iris clf'")],
    ['a too long version', replace('version', `version: ${'a'.repeat(70)}`)],
    ['an empty file', ''],
    ['a missing key', replace('labels', '')],
    ['null metadata', replace('metadata', 'metadata:\n  x: ~')],
  ])('%s gives one sentence without a dangling colon or code excerpt', (_what, text) => {
    const r = reason(text);
    expect(r).not.toContain('\n');
    expect(r).toMatch(/[^:\s]\.$/);
    expect(r).not.toMatch(/column \d+:$|\^/);
    expect(r.match(/model\.yaml/g)?.length).toBe(1);
  });
});
