// The label (and metadata key) `__proto__`: BentoML keeps it and reads it back like any other key
// (checked with BentoML 1.4.40: `bentoml.models.get(...).info.labels` holds it), so the window's
// channels carry it to model.yaml instead of dropping it on the way and reporting success.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { putKey } from '../../src-main/shared/own-key.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { reviewRig } from './edit-review-rig.ts';

/** `{ __proto__: value, ...rest }` as an own key, the way the window builds it. */
function withProto<V>(value: V, rest: Record<string, V> = {}): Record<string, V> {
  const out: Record<string, V> = {};
  putKey(out, '__proto__', value);
  for (const [k, v] of Object.entries(rest)) putKey(out, k, v);
  return out;
}

describe('the key __proto__ through the window channels', () => {
  it('model:edit writes the label and the metadata key into model.yaml and answers them', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const result = await r.call('model:edit', { tag: 'iris:v1', labels: { set: withProto('x', { team: 'ml' }), unset: [] }, metadata: { set: withProto(1), unset: [] } });
    expect(result.changes.map((c) => `${c.field}.${c.key}`)).toEqual(['labels.__proto__', 'labels.team', 'metadata.__proto__']);
    const info = parseModelYaml(await r.yaml('v1'));
    expect(Object.entries(info.labels)).toEqual([['owner', 'watcher-test'], ['__proto__', 'x'], ['team', 'ml']]);
    expect(Object.entries(info.metadata)).toEqual([['__proto__', 1]]);
    expect(Object.hasOwn(result.labels, '__proto__')).toBe(true);
  });

  it('models:relabel sets it on every version, and a bad value under it is still refused', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const result = await r.call('models:relabel', { tags: ['iris:v2', 'iris:v3'], labels: { set: withProto('prod'), unset: [] } });
    expect(result.edited.map((e) => e.tag)).toEqual(['iris:v2', 'iris:v3']);
    for (const v of ['v2', 'v3']) expect(Object.entries(parseModelYaml(await r.yaml(v)).labels)).toEqual([['owner', 'watcher-test'], ['__proto__', 'prod']]);
    const bad = await r.refused('model:edit', { tag: 'iris:v1', labels: { set: withProto(7 as unknown as string), unset: [] } });
    expect(bad.code).toBe('INVALID_ARGUMENT');
    expect(bad.message).toContain("'labels.set.__proto__'");
    expect(await fsp.readFile(path.join(r.models, 'iris', 'v1', 'model.yaml'), 'utf8')).not.toContain('__proto__');
  });
});
