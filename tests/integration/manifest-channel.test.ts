// Compare's manifest channel (issue 12 view 14) through the handler table over a real store: the
// recorded manifest of a version (path -> size, SHA-256), which files no longer match it, and
// null for a version without one. Nothing is hashed and nothing is written to answer.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readyHarness, type Harness } from './service-helpers.ts';
import { seedVersion } from './watcher-helpers.ts';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const WEIGHTS = Buffer.alloc(100_000, 7);

async function created(h: Harness, name: string) {
  const src = path.join(h.root, `drop-${name}`);
  await fsp.mkdir(src);
  await fsp.writeFile(path.join(src, 'weights.bin'), WEIGHTS);
  await fsp.writeFile(path.join(src, 'notes.txt'), 'notes v1');
  return h.call('models:create', { taskId: `create-${name}`, name, labels: {}, metadata: {}, paths: [src], root: true });
}

/** Every file under a folder with its modification time: the answer must leave them all as they were. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    const abs = path.join(e.parentPath, e.name);
    out.push(`${path.relative(dir, abs)} ${(await fsp.lstat(abs)).mtimeMs}`);
  }
  return out.sort();
}

describe('model:manifest', () => {
  it('answers the recorded hashes of a saved version, fresh', { timeout: 60_000 }, async () => {
    const h = await readyHarness();
    const v = await created(h, 'iris');
    const before = await tree(h.home);
    const answer = await h.call('model:manifest', { tag: v.tag });
    expect(answer.tag).toBe(v.tag);
    expect(answer.manifest).toMatchObject({ recordedBy: 'create', atSave: true, stale: false, staleFiles: [] });
    const files = new Map(answer.manifest!.files.map((f) => [f.path, f]));
    expect(files.get('weights.bin')).toEqual({ path: 'weights.bin', size: WEIGHTS.length, sha256: sha(WEIGHTS) });
    expect(files.get('notes.txt')).toEqual({ path: 'notes.txt', size: 8, sha256: sha('notes v1') });
    expect(files.has('model.yaml')).toBe(true);
    expect(await tree(h.home)).toEqual(before);
  });

  it('names the files changed behind its back (same size rewritten, grown, removed, added) as stale', { timeout: 60_000 }, async () => {
    const h = await readyHarness();
    const v = await created(h, 'iris');
    // Same size, other bytes, written after the manifest: only its time tells.
    const later = new Date(Date.now() + 60_000);
    await fsp.writeFile(path.join(v.path, 'notes.txt'), 'notes v2');
    await fsp.utimes(path.join(v.path, 'notes.txt'), later, later);
    let answer = await h.call('model:manifest', { tag: v.tag });
    expect(answer.manifest).toMatchObject({ stale: true, staleFiles: ['notes.txt'] });
    // The recorded hash is still the one recorded (nothing was hashed again).
    expect(answer.manifest!.files.find((f) => f.path === 'notes.txt')?.sha256).toBe(sha('notes v1'));

    await fsp.appendFile(path.join(v.path, 'weights.bin'), 'x');
    await fsp.writeFile(path.join(v.path, 'extra.txt'), 'new');
    answer = await h.call('model:manifest', { tag: v.tag });
    expect(answer.manifest?.staleFiles).toEqual(['extra.txt', 'notes.txt', 'weights.bin']);
    await fsp.rm(path.join(v.path, 'weights.bin'));
    answer = await h.call('model:manifest', { tag: v.tag });
    expect(answer.manifest?.staleFiles).toEqual(['extra.txt', 'notes.txt', 'weights.bin']);
  });

  it('a label edit keeps it fresh (model.yaml and its entry are rewritten together)', { timeout: 60_000 }, async () => {
    const h = await readyHarness();
    const v = await created(h, 'iris');
    await h.call('model:edit', { tag: v.tag, labels: { set: { stage: 'prod' }, unset: [] } });
    const answer = await h.call('model:manifest', { tag: v.tag });
    expect(answer.manifest).toMatchObject({ stale: false, staleFiles: [] });
    const yaml = await fsp.readFile(path.join(v.path, 'model.yaml'));
    expect(answer.manifest!.files.find((f) => f.path === 'model.yaml')?.sha256).toBe(sha(yaml));
  });

  it('answers null for a version BentoML saved (no manifest) and records none', { timeout: 60_000 }, async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'bert', 'v1', new Date('2025-03-16T08:00:00Z'));
    const before = await tree(h.home);
    expect(await h.call('model:manifest', { tag: 'bert:v1' })).toEqual({ tag: 'bert:v1', manifest: null });
    expect(await tree(h.home)).toEqual(before);
  });

  it('a manifest that is not one is said in one sentence (not taken for none); an unknown tag is NOT_FOUND', { timeout: 60_000 }, async () => {
    const h = await readyHarness();
    const v = await created(h, 'iris');
    const [name, version] = v.tag.split(':');
    await fsp.writeFile(path.join(h.home, '.model-shelf', 'manifests', name!, `${version}.json`), '{"format":"other"}');
    const other = await h.service.handlers['model:manifest']({ tag: v.tag });
    expect(other.ok ? null : other.error).toEqual({
      code: 'BROKEN_MODEL',
      message: `The recorded manifest of ${v.tag} is damaged or in a format this Model Shelf cannot read, so Compare cannot use its hashes; \`model-shelf verify ${v.tag}\` records a new one.`,
    });
    const missing = await h.service.handlers['model:manifest']({ tag: 'nope:v9' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });
});
