// Format spec §11 case 3: version ids and tag parsing agree between Model Shelf and BentoML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidTagComponent, parseTag } from '../../src-main/shared/tag-rules.ts';
import { isBentoMLGeneratedId, makeVersionId } from '../../src-main/store/create/version-id.ts';
import { bentomlVenv, makeHome, pyOk, pyOps, removeHomes, SKIP_INTEROP } from './helpers/bentoml.ts';

const ID_RE = /^[a-z2-7]{16}$/;
const VARIANT_CHARS = 'cgkosw26';

// §4.3 test vectors: instant, clock_seq, node -> version. `subMs` is the 100-ns ticks past the millisecond.
const VECTORS = [
  { unixMs: 1741944413123, subMs: 4560, clockSeq: 0x1234, node: '0242ac110002', version: 'o4q4gaaaw2jdiasc' },
  { unixMs: 1741944413123, subMs: 4570, clockSeq: 0x1234, node: '0242ac110002', version: 'o4q4gcqaw2jdiasc' },
  { unixMs: 1704067200000, subMs: 0, clockSeq: 0x0000, node: '000000000000', version: 'wtgiaafihcaaaaaa' },
  { unixMs: 1704067200000, subMs: 0, clockSeq: 0x3fff, node: 'ffffffffffff', version: 'wtgiaafihc777777' },
];

const TAG_INPUTS = [
  'Iris_CLF', 'a', 'a'.repeat(63), 'a'.repeat(64), '-bad', 'bad-', 'a.b-c_d', 'ünï', 'a:b:c', 'name:', 'name:latest',
  'x:Ab.1', 'IRIS_clf:LATEST', 'a/b', 'a b', ' a', '..', 'a..b', '0', '1.2.3', `x:${'v'.repeat(64)}`, `${'n'.repeat(64)}:v`,
  ':v', 'x:-v', 'x:v_', 'ÅB', 'x:😀', 'iris_clf:o4q4gaaaw2jdiasc',
];

function shelfParse(input: string): { ok: true; name: string; version: string | null } | { ok: false; message: string } {
  try {
    return { ok: true, ...parseTag(input) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

describe.skipIf(SKIP_INTEROP)('version ids and tags agree with BentoML (§11 case 3)', () => {
  let home = '';
  beforeAll(async () => {
    await bentomlVenv();
    home = await makeHome('tags');
  });
  afterAll(removeHomes);

  it('reproduces the §4.3 vectors byte for byte, as Python computes them too', async () => {
    const [fromPython] = await pyOps(home, [
      {
        op: 'version_from_fields',
        cases: VECTORS.map((v) => ({
          unix_ns: (BigInt(v.unixMs) * 1_000_000n + BigInt(v.subMs) * 100n).toString(),
          clock_seq: v.clockSeq.toString(16),
          node: v.node,
        })),
      },
    ]);
    expect(pyOk<string[]>(fromPython)).toEqual(VECTORS.map((v) => v.version));
    for (const v of VECTORS) {
      const node16 = Number.parseInt(v.node.slice(0, 4), 16);
      expect(makeVersionId({ unixMs: v.unixMs, subMs: v.subMs, clockSeq: v.clockSeq, node16 })).toBe(v.version);
    }
  });

  it('computes the same id as Python for 200 random instants, clock sequences and nodes', async () => {
    const cases = Array.from({ length: 200 }, (_, i) => ({
      unixMs: 1_000_000_000_000 + Math.floor(Math.random() * 4_000_000_000_000) + i,
      subMs: Math.floor(Math.random() * 10_000),
      clockSeq: Math.floor(Math.random() * 0x4000),
      node16: Math.floor(Math.random() * 0x10000),
    }));
    const [fromPython] = await pyOps(home, [
      {
        op: 'version_from_fields',
        cases: cases.map((c) => ({
          unix_ns: (BigInt(c.unixMs) * 1_000_000n + BigInt(c.subMs) * 100n).toString(),
          clock_seq: c.clockSeq.toString(16),
          node: c.node16.toString(16).padStart(4, '0') + '00000000',
        })),
      },
    ]);
    expect(cases.map((c) => makeVersionId(c))).toEqual(pyOk<string[]>(fromPython));
  });

  it('1,000 Model Shelf ids are valid BentoML versions, and 60 BentoML ids are valid for Model Shelf', async () => {
    const ours = Array.from({ length: 1000 }, () => makeVersionId());
    expect(new Set(ours).size).toBe(1000);
    const [rejected, theirs] = await pyOps(home, [
      { op: 'check_versions', ids: ours },
      { op: 'make_versions', n: 60 },
    ]);
    expect(pyOk<string[]>(rejected)).toEqual([]);
    const pythonIds = pyOk<string[]>(theirs);
    expect(pythonIds).toHaveLength(60);
    for (const id of [...ours, ...pythonIds]) {
      expect(id).toMatch(ID_RE);
      expect(VARIANT_CHARS).toContain(id[9]);
      expect(isValidTagComponent(id)).toBe(true);
      expect(isBentoMLGeneratedId(id)).toBe(true);
    }
  });

  it('parses tag strings like Tag.from_str: same acceptance, same lowercased result', async () => {
    const [answers] = await pyOps(home, [{ op: 'tag_from_str', inputs: TAG_INPUTS }]);
    const python = pyOk<({ ok: true; name: string; version: string | null } | { ok: false; error: string; message: string })[]>(answers);
    TAG_INPUTS.forEach((input, i) => {
      const theirs = python[i]!;
      const ours = shelfParse(input);
      expect({ input, ok: ours.ok }).toEqual({ input, ok: theirs.ok });
      if (ours.ok && theirs.ok) expect({ input, name: ours.name, version: ours.version }).toEqual({ input, name: theirs.name, version: theirs.version });
      if (!ours.ok && !theirs.ok) {
        // Deliberate differences: Model Shelf quotes the input as typed, shows the meant
        // `name:latest` where BentoML says `name::latest`, and gives BentoML's reason where
        // BentoML only says "Invalid Tag a:b:c". The reasons themselves are BentoML's words.
        if (input.endsWith(':')) expect(ours.message).toBe(`'${input}' ends with ':'. Maybe you meant to use \`${input.slice(0, -1)}:latest\`?`);
        else expect(ours.message.startsWith(`'${input}' is not a valid BentoML tag: `)).toBe(true);
        const reason = /is not a valid BentoML tag: (.*)$/.exec(theirs.message)?.[1];
        if (reason !== undefined) expect({ input, message: ours.message }).toEqual({ input, message: `'${input}' is not a valid BentoML tag: ${reason}.` });
      }
    });
  });

  it('is stricter than Python only for a trailing newline, which Python\'s `$` lets through', async () => {
    const [answers] = await pyOps(home, [{ op: 'tag_from_str', inputs: ['abc\n'] }]);
    expect(pyOk<{ ok: boolean }[]>(answers)[0]!.ok).toBe(true);
    expect(shelfParse('abc\n').ok).toBe(false);
  });
});
