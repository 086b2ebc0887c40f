import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { newModelInfo, parseModelYaml, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { tempHome } from './archive-fixtures.ts';

let paths: StorePaths;
beforeEach(async () => {
  paths = await tempHome();
});
afterEach(async () => {
  await fsp.rm(paths.home, { recursive: true, force: true });
});

it('a folder import stores exactly the model.yaml bytes it parsed, even if the file changes meanwhile', async () => {
  const folder = path.join(paths.home, 'saved');
  await fsp.mkdir(folder);
  const original = serializeModelYaml(newModelInfo({ name: 'folder_clf', version: 'v1', labels: { stage: 'prod' } }));
  await fsp.writeFile(path.join(folder, 'model.yaml'), original);
  await fsp.writeFile(path.join(folder, 'weights.bin'), Buffer.alloc(4096, 7));
  let swapped = false;
  const version = await importModel(paths, folder, {
    // Another program rewrites model.yaml while the artifacts are being copied.
    onProgress: () => {
      if (swapped) return;
      swapped = true;
      fs.writeFileSync(path.join(folder, 'model.yaml'), serializeModelYaml(newModelInfo({ name: 'folder_clf', version: 'v2' })));
    },
  });
  expect(swapped).toBe(true);
  expect(version.tag).toBe('folder_clf:v1');
  const stored = await fsp.readFile(path.join(paths.models, 'folder_clf', 'v1', 'model.yaml'), 'utf8');
  expect(stored).toBe(original);
  expect(parseModelYaml(stored).version).toBe('v1');
  expect(await fsp.readFile(path.join(paths.models, 'folder_clf', 'v1', 'weights.bin'))).toEqual(Buffer.alloc(4096, 7));
});
