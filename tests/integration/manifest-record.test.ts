import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { loadIntegrity } from '../../src-main/store/index.ts';
import { bentomlVersion, exists, tempStore, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// Manifests (issue 11 §4): recorded at create and import, kept in `.model-shelf/manifests/`
// (never under models/), following their version into the trash and back, dropped with it, and
// reclaimed by repair when another program deleted the version.

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

async function createVersion(tag: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(t.src, tag.replace(':', '_'));
  await writeFiles(dir, files);
  const session = await t.store.begin({ tag });
  await session.add([dir], { root: true });
  return (await session.commit()).tag;
}

function manifestFile(name: string, version: string): string {
  return path.join(t.home, '.model-shelf', 'manifests', name, `${version}.json`);
}

describe('manifests', () => {
  it('create records every file with size and SHA-256, model.yaml included, outside models/', async () => {
    const tag = await createVersion('m:v1', { 'weights.bin': 'w'.repeat(1000), 'sub/cfg.json': '{}' });
    const { readManifest } = await loadIntegrity();
    const m = await readManifest(t.store.paths, 'm', 'v1');
    expect(m?.tag).toBe(tag);
    expect(m?.atSave).toBe(true);
    expect(m?.recordedBy).toBe('create');
    const yaml = await fsp.readFile(path.join(t.home, 'models', 'm', 'v1', 'model.yaml'));
    expect(m?.files).toEqual([
      { path: 'model.yaml', size: yaml.length, sha256: sha(yaml) },
      { path: 'sub/cfg.json', size: 2, sha256: sha('{}') },
      { path: 'weights.bin', size: 1000, sha256: sha('w'.repeat(1000)) },
    ]);
    // Nothing but what BentoML itself writes is under models/.
    expect((await fsp.readdir(path.join(t.home, 'models', 'm'))).sort()).toEqual(['latest', 'v1']);
    expect((await fsp.readdir(path.join(t.home, 'models', 'm', 'v1'))).sort()).toEqual(['model.yaml', 'sub', 'weights.bin']);
    // No temporary file is left in the staging area.
    expect(await fsp.readdir(path.join(t.home, '.model-shelf', 'staging'))).toEqual([]);
  });

  it('import of a saved folder records a manifest of the imported bytes', async () => {
    const src = path.join(t.src, 'saved');
    await bentomlVersion(path.join(t.src, 'other-home'), 'imp', 'v9', '2025-01-01T00:00:00.000000+00:00', { 'a.bin': 'abc' });
    await fsp.cp(path.join(t.src, 'other-home', 'models', 'imp', 'v9'), src, { recursive: true });
    await t.store.import(src);
    const { readManifest } = await loadIntegrity();
    const m = await readManifest(t.store.paths, 'imp', 'v9');
    expect(m?.recordedBy).toBe('import');
    expect(m?.files.find((f) => f.path === 'a.bin')).toEqual({ path: 'a.bin', size: 3, sha256: sha('abc') });
  });

  it('goes to the trash with its version, comes back on restore, and is dropped by a delete for good', async () => {
    await createVersion('m:v1', { 'a.bin': 'a' });
    await createVersion('m:v2', { 'b.bin': 'b' });
    const file1 = manifestFile('m', 'v1');
    const before = await fsp.readFile(file1, 'utf8');
    const { trashed } = await t.store.delete(['m:v1'], { trash: true });
    expect(await exists(file1)).toBe(false);
    expect(await exists(path.join(t.home, '.model-shelf', 'trash', `${trashed[0]?.id}.manifest`))).toBe(true);
    await t.store.restore([trashed[0]?.id ?? '']);
    expect(await fsp.readFile(file1, 'utf8')).toBe(before);
    await t.store.delete(['m:v2']);
    expect(await exists(manifestFile('m', 'v2'))).toBe(false);
    // Emptying the trash takes the trashed manifests along.
    const again = await t.store.delete(['m:v1'], { trash: true });
    await t.store.emptyTrash();
    expect(await exists(path.join(t.home, '.model-shelf', 'trash', `${again.trashed[0]?.id}.manifest`))).toBe(false);
  });

  it('a permanent prune drops the manifest of each version it removes, as delete does', async () => {
    await createVersion('m:v1', { 'a.bin': 'a' });
    await createVersion('m:v2', { 'b.bin': 'b' });
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: t.home } as unknown as Parameters<typeof runCli>[1];
    expect(await runCli(['--home', t.home, 'prune', 'm', '--keep-last', '1', '--yes'], io)).toBe(0);
    expect(await exists(manifestFile('m', 'v1'))).toBe(false);
    expect(await exists(manifestFile('m', 'v2'))).toBe(true);
  });

  it('records a symbolic link by its target (never followed), and verify names a link pointed elsewhere', async () => {
    await bentomlVersion(t.home, 'linked', 'v1', '2025-01-01T00:00:00.000000+00:00', { 'real.bin': 'data' });
    const dir = path.join(t.home, 'models', 'linked', 'v1');
    await fsp.symlink('real.bin', path.join(dir, 'alias.bin'));
    const { verifyVersions } = await loadIntegrity();
    const v = await t.store.resolve('linked:v1');
    expect((await verifyVersions(t.store.paths, [v]))[0]?.state).toBe('recorded');
    const { readManifest } = await loadIntegrity();
    expect((await readManifest(t.store.paths, 'linked', 'v1'))?.files.find((f) => f.path === 'alias.bin')).toEqual({ path: 'alias.bin', size: 8, link: 'real.bin' });
    await fsp.rm(path.join(dir, 'alias.bin'));
    await fsp.symlink('/etc/hostname', path.join(dir, 'alias.bin'));
    expect((await verifyVersions(t.store.paths, [v]))[0]).toMatchObject({ state: 'changed', changed: ['alias.bin'] });
  });

  it('repair removes the manifest of a version another program deleted, and nothing else', async () => {
    await createVersion('m:v1', { 'a.bin': 'a' });
    await createVersion('m:v2', { 'b.bin': 'b' });
    // As `bentoml models delete` does: the folder goes, Model Shelf is not told.
    await fsp.rm(path.join(t.home, 'models', 'm', 'v1'), { recursive: true });
    const dry = await t.store.repair({ dryRun: true });
    expect(dry.problems.map((p) => p.path)).toContain('.model-shelf/manifests/m/v1.json');
    expect(await exists(manifestFile('m', 'v1'))).toBe(true);
    await t.store.repair();
    expect(await exists(manifestFile('m', 'v1'))).toBe(false);
    expect(await exists(manifestFile('m', 'v2'))).toBe(true);
  });

  it('refreshManifestEntries keeps the manifest true after model.yaml is rewritten', async () => {
    await createVersion('m:v1', { 'a.bin': 'a' });
    const yamlPath = path.join(t.home, 'models', 'm', 'v1', 'model.yaml');
    const text = await fsp.readFile(yamlPath, 'utf8');
    await fsp.writeFile(yamlPath, text.replace('labels: {}', "labels:\n  stage: 'prod'"));
    const { refreshManifestEntries, verifyVersions } = await loadIntegrity();
    const v = await t.store.resolve('m:v1');
    expect((await verifyVersions(t.store.paths, [v]))[0]?.changed).toEqual(['model.yaml']);
    await refreshManifestEntries(t.store.paths, 'm', 'v1', v.path, ['model.yaml']);
    expect((await verifyVersions(t.store.paths, [v]))[0]?.state).toBe('intact');
  });
});
