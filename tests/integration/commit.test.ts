import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitStagedVersion, createStagingDir } from '../../src-main/store/index.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { bentomlVersion, exists, readLatestFile, tempStore, treeListing, type TempStore } from './fixtures/temp-store.ts';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'imp', 'current', '2025-06-01T00:00:00.000000+00:00');
  await fsp.writeFile(path.join(t.home, 'models', 'imp', 'latest'), 'current');
});
afterEach(async () => {
  await t.cleanup();
});

async function stage(version: string, creationTime: string, yamlSuffix = ''): Promise<{ dir: string; info: ReturnType<typeof newModelInfo> }> {
  const { dir } = await createStagingDir(t.store.paths);
  const info = newModelInfo({ name: 'imp', version, creationTime });
  await fsp.writeFile(path.join(dir, 'model.yaml'), serializeModelYaml(info) + yamlSuffix);
  await fsp.writeFile(path.join(dir, 'w.bin'), 'w');
  return { dir, info };
}

describe('commitStagedVersion', () => {
  it('keepYaml keeps the staged model.yaml bytes; an older version does not move latest', async () => {
    const { dir, info } = await stage('older', '2024-01-01T00:00:00.000000+00:00', '# kept verbatim\n');
    const staged = await treeListing(dir);
    const v = await commitStagedVersion(t.store.paths, dir, info, { keepYaml: true });
    expect(v).toMatchObject({ tag: 'imp:older', latest: false, status: 'ok' });
    expect(await treeListing(path.join(t.home, 'models', 'imp', 'older'))).toEqual(staged);
    expect(await readLatestFile(t.home, 'imp')).toBe('current');
    expect(await exists(dir)).toBe(false);
  });

  it('a newer version, or an equal creation_time, takes latest (register rule, §2.2)', async () => {
    const tie = await stage('tie', '2025-06-01T00:00:00.000000+00:00');
    expect((await commitStagedVersion(t.store.paths, tie.dir, tie.info)).latest).toBe(true);
    expect(await readLatestFile(t.home, 'imp')).toBe('tie');
  });

  it('refuses an existing tag, also when the existing directory is empty, and leaves it alone', async () => {
    await fsp.mkdir(path.join(t.home, 'models', 'imp', 'empty'));
    for (const version of ['current', 'empty']) {
      const { dir, info } = await stage(version, '2026-01-01T00:00:00.000000+00:00');
      await expect(commitStagedVersion(t.store.paths, dir, info)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      expect(await exists(dir)).toBe(true);
    }
    expect(await fsp.readdir(path.join(t.home, 'models', 'imp', 'empty'))).toEqual([]);
    expect(await readLatestFile(t.home, 'imp')).toBe('current');
  });
});
