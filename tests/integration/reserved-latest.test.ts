import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { commitStagedVersion } from '../../src-main/store/create/commit-version.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { scanStore } from '../../src-main/store/read/scan.ts';
import { createStagingDir } from '../../src-main/store/create/staging-area.ts';
import { makeModel, modelsSnapshot, stagingLeftovers, tempHome } from './archive-fixtures.ts';
import { tarBuffer } from './hostile-tar.ts';

// A version called `latest` becomes models/<name>/latest/, a folder where BentoML expects its
// pointer file (§4.1 "Reserved"): `bentoml models get` fails with IsADirectoryError.

let paths: StorePaths;
beforeEach(async () => {
  paths = await tempHome();
});
afterEach(async () => {
  await fsp.rm(paths.home, { recursive: true, force: true });
});

// newModelInfo refuses 'latest' itself, so the version is swapped in afterwards.
const latestYaml = (name: string): string => serializeModelYaml({ ...newModelInfo({ name, version: 'v0' }), version: 'latest' });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(isShelfError(err), String(err)).toBe(true);
  return err as { code: string; message: string };
}

describe('a version called latest is never created', () => {
  it('an archive whose model.yaml says `version: latest` is refused and leaves models/ alone', async () => {
    const file = path.join(paths.home, 'latestver.tar');
    await fsp.writeFile(file, await tarBuffer([{ name: 'model.yaml', content: latestYaml('newname') }, { name: 'w.bin', content: 'w' }]));
    const err = await refusal(importModel(paths, file));
    expect(err.code).toBe('INVALID_TAG');
    expect(err.message).toBe("Model 'newname:latest' cannot be added: 'latest' is the name of BentoML's pointer file, not a version. Give it another version (in its model.yaml for an import).");
    expect(await modelsSnapshot(paths)).toEqual([]);
    expect(await stagingLeftovers(paths)).toEqual([]);
  });

  it('is refused for a name that already has versions (not mistaken for an existing tag)', async () => {
    await makeModel(paths, 'iris', 'v1');
    const before = await modelsSnapshot(paths);
    const file = path.join(paths.home, 'latestver.tar');
    await fsp.writeFile(file, await tarBuffer([{ name: 'model.yaml', content: latestYaml('iris') }]));
    expect((await refusal(importModel(paths, file))).code).toBe('INVALID_TAG');
    expect(await modelsSnapshot(paths)).toEqual(before);
    expect(await fsp.readFile(path.join(paths.models, 'iris', 'latest'), 'utf8')).toBe('v1');
  });

  it('a saved model folder with `version: latest` is refused too', async () => {
    const dir = path.join(paths.home, 'saved');
    await fsp.mkdir(dir);
    await fsp.writeFile(path.join(dir, 'model.yaml'), latestYaml('folder'));
    expect((await refusal(importModel(paths, dir))).code).toBe('INVALID_TAG');
    expect(await modelsSnapshot(paths)).toEqual([]);
  });

  it('commitStagedVersion itself refuses it', async () => {
    const staging = await createStagingDir(paths);
    const err = await refusal(commitStagedVersion(paths, staging.dir, { ...newModelInfo({ name: 'direct', version: 'v0' }), version: 'latest' }));
    expect(err.code).toBe('INVALID_TAG');
    expect(await modelsSnapshot(paths)).toEqual([]);
  });
});

describe('a latest FOLDER already in the store is reported', () => {
  async function latestFolder(name: string): Promise<string> {
    const text = latestYaml(name);
    await fsp.mkdir(path.join(paths.models, name, 'latest'), { recursive: true });
    await fsp.writeFile(path.join(paths.models, name, 'latest', 'model.yaml'), text);
    return text;
  }

  it('when the name has no other version: list and repair flag it, repair leaves the folder', async () => {
    const text = await latestFolder('newname');
    const scanned = await scanStore(paths.home);
    expect(scanned.versions).toEqual([]);
    expect(scanned.problems.map((p) => [p.kind, p.path, p.safeToFix])).toEqual([['latest-not-file', 'models/newname/latest', false]]);
    expect(scanned.problems[0]?.message).toMatch(/is a folder, not the pointer file, so `bentoml models get newname` fails/);
    const store = await ModelStore.open({ home: paths.home });
    expect((await store.list()).problems.map((p) => p.kind)).toEqual(['latest-not-file']);
    const report = await store.repair();
    expect(report.problems.map((p) => p.path)).toEqual(['models/newname/latest']);
    expect(report.fixed).toEqual([]);
    expect(await fsp.readFile(path.join(paths.models, 'newname', 'latest', 'model.yaml'), 'utf8')).toBe(text);
  });

  it('next to real versions: the advice names the version to point at', async () => {
    await makeModel(paths, 'iris', 'v1');
    await fsp.rm(path.join(paths.models, 'iris', 'latest'));
    await latestFolder('iris');
    const { problems, versions } = await scanStore(paths.home);
    expect(versions.map((v) => v.tag)).toEqual(['iris:v1']);
    expect(problems.map((p) => [p.kind, p.safeToFix])).toEqual([['latest-not-file', false]]);
    expect(problems[0]?.fix).toMatch(/run `model-shelf repair` to point it at v1/);
  });
});
