import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { commitStagedVersion } from '../../src-main/store/create/commit-version.ts';
import { storePaths } from '../../src-main/store/paths/home.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { newModelInfo } from '../../src-main/store/yaml/model-yaml.ts';
import { createStagingDir } from '../../src-main/store/create/staging-area.ts';

export async function tempHome(): Promise<StorePaths> {
  const home = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-archive-'));
  await fsp.mkdir(path.join(home, 'models'), { recursive: true });
  return storePaths(home);
}

/** Files of a model with nested folders, a hidden file, a unicode name and an empty file. */
export const SAMPLE_FILES: Record<string, string | Buffer> = {
  'model.pkl': Buffer.alloc(70_000, 0xab),
  '.hidden': 'secret',
  'sub/a.txt': 'hello\n',
  'sub/deep/Zoë.bin': Buffer.from([0, 1, 2, 3, 255]),
  'empty.txt': '',
};

/** A committed version built the same way the app builds one (staging + commit). */
export async function makeModel(paths: StorePaths, name: string, version: string, files: Record<string, string | Buffer> = SAMPLE_FILES): Promise<ModelVersion> {
  const staging = await createStagingDir(paths);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(staging.dir, rel);
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.writeFile(abs, content);
  }
  await fsp.mkdir(path.join(staging.dir, 'empty-dir'), { recursive: true });
  const info = newModelInfo({ name, version, labels: { owner: 'ml' }, metadata: { acc: 0.9 } });
  return commitStagedVersion(paths, staging.dir, info);
}

/** Every file and folder under `dir` with a sha256 of each file's bytes. */
export async function treeHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[`${r}/`] = 'dir';
        await walk(path.join(d, e.name), r);
      } else out[r] = createHash('sha256').update(await fsp.readFile(path.join(d, e.name))).digest('hex');
    }
  };
  await walk(dir, '');
  return out;
}

/** Everything under models/ (names, versions, latest files) as a sorted list, to prove nothing changed. */
export async function modelsSnapshot(paths: StorePaths): Promise<string[]> {
  const list = await fsp.readdir(paths.models, { recursive: true });
  return list.sort();
}

export async function stagingLeftovers(paths: StorePaths): Promise<string[]> {
  return fsp.readdir(paths.staging).catch(() => []);
}
