// `list --json` prints each version's text as soon as its name is scanned (issue 13): the array it
// writes in pieces must be byte for byte what toJson(versions.map(versionJson)) prints, for every
// kind of value model.yaml can hold (bigints, floats that look like ints, dates, non-ASCII, newlines).
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src-main/cli/json-out.ts';
import { versionJson } from '../../src-main/cli/version-json.ts';
import { JsonTextArena, versionJsonElement, writeJsonArray } from '../../src-main/cli/version-json-text.ts';
import type { Metadata, ModelVersion } from '../../src-main/shared/model-types.ts';

function version(i: number, metadata: Metadata, extra: Partial<ModelVersion> = {}): ModelVersion {
  return {
    tag: `m:v${i}`,
    name: 'm',
    version: `v${i}`,
    status: 'ok',
    module: '',
    apiVersion: 'v1',
    labels: { owner: 'ml-team', 'a\nb': 'é"\\' },
    metadata,
    creationTime: '2025-03-14T09:26:53.413218+00:00',
    creationTimeMs: 1741944413413,
    size: 2534 + i,
    latest: i === 0,
    path: `/tmp/store/models/m/v${i}`,
    ...extra,
  };
}

const METADATA: Metadata[] = [
  {},
  { accuracy: 0.9667, dataset: 'iris', n: 100, names: ['a', 'b'], params: { depth: 4, nested: { deeper: [1, [2, {}], []] } } },
  { big: 123456789012345678901234567890n, small: -(2n ** 70n) },
  { f: { $float: '1000.0' }, inf: { $float: 'inf' }, nan: { $float: 'nan' }, e: { $float: '1e+300' }, neg: { $float: '-2.5' } },
  { when: { $date: '2025-01-02' }, list: [{ $date: '2025-01-02 03:04:05' }, 1] },
  { deep: { deeper: [{ big: 2n ** 64n }] } },
  { text: 'line\nbreak\ttab "quoted" \\ back', unicode: 'naïve ☃ 𝄞', empty: '' },
  // Objects that only look like wrappers: more than one key, or another $ key.
  { notDate: { $date: 'x', other: 1 }, bin: { $binary: 'AAEC' }, nul: false, t: true },
];

const printed = (vs: ModelVersion[]): string => {
  let out = '';
  writeJsonArray(
    vs.map(versionJsonElement),
    (text) => (out += text),
  );
  return out;
};

describe('list --json text', () => {
  it('is exactly toJson of the versions, for every kind of metadata, alone and together', () => {
    const vs = METADATA.map((m, i) => version(i, m));
    for (const v of vs) expect(printed([v])).toBe(`${toJson([versionJson(v)])}\n`);
    expect(printed(vs)).toBe(`${toJson(vs.map(versionJson))}\n`);
  });

  it('prints broken versions (problem text, no metadata) and an empty list the same way', () => {
    const broken = version(1, {}, { status: 'broken', problem: 'model.yaml is not valid YAML at line 1.', creationTime: '', creationTimeMs: Number.NaN, size: 0 });
    expect(printed([broken, version(2, {})])).toBe(`${toJson([broken, version(2, {})].map(versionJson))}\n`);
    expect(printed([])).toBe(`${toJson([])}\n`);
  });

  it('writes a big array in pieces of about a megabyte, which join to the same text', () => {
    const vs = Array.from({ length: 3000 }, (_, i) => version(i, METADATA[i % METADATA.length] as Metadata));
    const pieces: string[] = [];
    writeJsonArray(vs.map(versionJsonElement), (text) => pieces.push(text));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeLessThan(2 << 20);
    expect(pieces.join('')).toBe(`${toJson(vs.map(versionJson))}\n`);
  });

  it('keeps the texts as bytes (list --json) and prints them in any order exactly as toJson does', () => {
    // 6,000 versions with long non-ASCII labels: more than one 4 MiB chunk and several pieces.
    const vs = Array.from({ length: 6000 }, (_, i) => version(i, METADATA[i % METADATA.length] as Metadata, { labels: { note: `naïve ☃ 𝄞 ${'x'.repeat(i % 700)}` } }));
    const arena = new JsonTextArena();
    const ids = vs.map((v) => arena.add(versionJsonElement(v)));
    // The scan hands the ids back sorted by time: any permutation must print those versions in that order.
    const order = ids.map((id, i) => ({ id, key: (i * 7919) % 6000 })).sort((a, b) => a.key - b.key).map((x) => x.id);
    const pieces: Buffer[] = [];
    arena.writeArray(order, (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeLessThan(2 << 20);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(`${toJson(order.map((id) => versionJson(vs[id] as ModelVersion)))}\n`);
    const empty: Buffer[] = [];
    new JsonTextArena().writeArray([], (piece) => empty.push(piece));
    expect(Buffer.concat(empty).toString('utf8')).toBe(`${toJson([])}\n`);
  });
});
