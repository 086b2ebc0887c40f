import { describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { assertCreatableVersion, formatTag, isValidTagComponent, parseTag, tagComponentProblems, TAG_RULE_TEXT } from '../../src-main/shared/tag-rules.ts';

const INVALID = "a tag's name or version must consist of lowercase alphanumeric characters, '_', '-', or '.', and must start and end with an alphanumeric character";
const TOO_LONG = "a tag's name or version must be at most 63 characters in length";

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isShelfError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a ShelfError');
}

// Expected results recorded from BentoML 1.4.40's Tag.from_str (format spec §11 case 3); the
// refusals quote the input as typed and give BentoML's reason even where BentoML only says
// "Invalid Tag a:b:c".
const bad = (input: string, reason: string): { message: string } => ({ message: `'${input}' is not a valid BentoML tag: ${reason}.` });
const FROM_STR: [string, string | { message: string }][] = [
  ['Iris_CLF', 'iris_clf'],
  ['a', 'a'],
  ['a'.repeat(63), 'a'.repeat(63)],
  ['a'.repeat(64), bad('a'.repeat(64), TOO_LONG)],
  ['-bad', bad('-bad', INVALID)],
  ['bad-', bad('bad-', INVALID)],
  ['a.b-c_d', 'a.b-c_d'],
  ['ünï', bad('ünï', INVALID)],
  ['a:b:c', bad('a:b:c', INVALID)],
  ['name:', { message: "'name:' ends with ':'. Maybe you meant to use `name:latest`?" }],
  ['name:latest', 'name:latest'],
  ['x:Ab.1', 'x:ab.1'],
  ['Iris CLF', bad('Iris CLF', INVALID)],
  [`${'a'.repeat(64)}:v`, bad(`${'a'.repeat(64)}:v`, TOO_LONG)],
  [`x:${'b'.repeat(64)}`, bad(`x:${'b'.repeat(64)}`, TOO_LONG)],
];

describe('parseTag', () => {
  for (const [input, expected] of FROM_STR) {
    it(`handles ${JSON.stringify(input.length > 20 ? `${input.slice(0, 12)}…` : input)} like Tag.from_str`, () => {
      if (typeof expected === 'string') {
        const t = parseTag(input);
        expect(formatTag(t.name, t.version)).toBe(expected);
      } else {
        expect(errorOf(() => parseTag(input))).toEqual({ code: 'INVALID_TAG', message: expected.message });
      }
    });
  }

  it('reports both reasons joined like BentoML', () => {
    expect(tagComponentProblems(`-${'a'.repeat(63)}`)).toEqual([TOO_LONG, INVALID]);
    expect(errorOf(() => parseTag(`-${'a'.repeat(63)}`)).message).toContain(`${TOO_LONG}, and ${INVALID}`);
  });

  it('counts length in code points, after lowercasing', () => {
    expect(tagComponentProblems('A'.repeat(63))).toEqual([]);
    expect(tagComponentProblems('a'.repeat(64))).toEqual([TOO_LONG]);
  });

  it('is stricter than Python about a trailing newline', () => {
    expect(errorOf(() => parseTag('ab\n')).code).toBe('INVALID_TAG');
  });
});

describe('isValidTagComponent', () => {
  it('accepts only already-lowercase valid components', () => {
    expect(isValidTagComponent('iris_clf')).toBe(true);
    expect(isValidTagComponent('7')).toBe(true);
    expect(isValidTagComponent('Iris')).toBe(false);
    expect(isValidTagComponent('.staging')).toBe(false);
    expect(isValidTagComponent('a..')).toBe(false);
    expect(isValidTagComponent('')).toBe(false);
    expect(isValidTagComponent('a'.repeat(64))).toBe(false);
  });
  it('has a rule text for people', () => {
    expect(TAG_RULE_TEXT).toContain('at most 63 characters');
  });
});

describe('assertCreatableVersion', () => {
  it("refuses 'latest' in any case, because it is the pointer file's name", () => {
    expect(errorOf(() => assertCreatableVersion('latest')).code).toBe('INVALID_TAG');
    expect(errorOf(() => assertCreatableVersion('LATEST')).code).toBe('INVALID_TAG');
  });
  it('lowercases and validates other versions', () => {
    expect(assertCreatableVersion('V1.0')).toBe('v1.0');
    expect(assertCreatableVersion('latest2')).toBe('latest2');
    expect(errorOf(() => assertCreatableVersion('v1 0')).message).toBe(`'v1 0' is not a valid BentoML tag: ${INVALID}.`);
  });
});
