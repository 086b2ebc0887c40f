import { ShelfError } from './errors.ts';

// BentoML's tag rule (tag.py validate_tag_str, format spec §4.1). Name and version share it.
export const TAG_RULE_TEXT =
  "lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters";

export const TAG_MAX_LENGTH = 63;
// Strict on purpose: Python's `$` also matches before a final '\n' ("abc\n" passes there), ours does not.
const TAG_RE = /^[a-z0-9](?:[-._a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH_REASON = `a tag's name or version must be at most ${TAG_MAX_LENGTH} characters in length`;
// Wording of BentoML 1.4.38 as installed (it says "lowercase alphanumeric").
const INVALID_REASON =
  "a tag's name or version must consist of lowercase alphanumeric characters, '_', '-', or '.', and must start and end with an alphanumeric character";

/** BentoML's reasons why `value` (lowercased first, like `Tag()`) is not a tag component; empty when valid. */
export function tagComponentProblems(value: string): string[] {
  const lower = value.toLowerCase();
  const problems: string[] = [];
  // Python's len() counts code points, not UTF-16 units.
  if ([...lower].length > TAG_MAX_LENGTH) problems.push(MAX_LENGTH_REASON);
  if (!TAG_RE.test(lower)) problems.push(INVALID_REASON);
  return problems;
}

/** Strict check of an already-lowercase component (directory names, model.yaml name/version). */
export function isValidTagComponent(value: string): boolean {
  return value.length <= TAG_MAX_LENGTH && TAG_RE.test(value);
}

/** The refusal quotes what the person typed (`whole`), with BentoML's reasons for the bad part. */
function validated(value: string, whole = value): string {
  const problems = tagComponentProblems(value);
  if (problems.length > 0) {
    throw new ShelfError('INVALID_TAG', `'${whole}' is not a valid BentoML tag: ${problems.join(', and ')}.`);
  }
  return value.toLowerCase();
}

/**
 * `Tag.from_str` (format spec §4.2): split at the first ':', lowercase, validate.
 * `version` may be 'latest'; callers decide what that means.
 */
export function parseTag(input: string): { name: string; version: string | null } {
  const colon = input.indexOf(':');
  if (colon < 0) return { name: validated(input), version: null };
  const name = input.slice(0, colon);
  const version = input.slice(colon + 1);
  if (version === '') {
    // BentoML prints `name::latest` here (it appends ':latest' to 'name:'); we show the meant form.
    throw new ShelfError('INVALID_TAG', `'${input}' ends with ':'. Maybe you meant to use \`${name}:latest\`?`);
  }
  // BentoML says only "Invalid Tag a:b:c" here; we quote it and say what is wrong with it.
  return { name: validated(name, input), version: validated(version, input) };
}

export function formatTag(name: string, version: string | null): string {
  return version === null ? name : `${name}:${version}`;
}

/** 'latest' collides with the pointer file (§4.1 "Reserved"): never create a version with that name. */
export function assertCreatableVersion(version: string): string {
  const v = validated(version);
  if (v === 'latest') {
    throw new ShelfError('INVALID_TAG', "'latest' cannot be used as a version: it is the name of the pointer file. Choose another version or leave it out to get a generated one.");
  }
  return v;
}
