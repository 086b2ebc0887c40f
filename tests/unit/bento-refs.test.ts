import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bentosUsing } from '../../src-main/store/read/bento-refs.ts';

let home: string;

async function bento(name: string, version: string, yaml: string | null, ownModels = false): Promise<void> {
  const dir = path.join(home, 'bentos', name, version);
  await fs.mkdir(dir, { recursive: true });
  if (yaml !== null) await fs.writeFile(path.join(dir, 'bento.yaml'), yaml);
  if (ownModels) await fs.mkdir(path.join(dir, 'models'));
}

const modelsEntry = (tag: string): string => `- tag: ${tag}\n  module: ''\n  creation_time: '2025-03-14T09:26:53.413218+00:00'\n  alias: null\n  registry: bentoml\n`;

beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-bentos-'));
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('bentosUsing (§10.1)', () => {
  it('finds bentos listing the model in models or services[].models', async () => {
    await bento('svc', 'v1', `service: svc:Svc\nname: svc\nversion: v1\nmodels:\n${modelsEntry('iris_clf:a')}`);
    await bento('api', 'v2', `name: api\nversion: v2\nmodels: []\nservices:\n- name: Api\n  models:\n  ${modelsEntry('iris_clf:a').replace(/\n(?=.)/g, '\n  ')}`);
    await bento('other', 'v1', `name: other\nversion: v1\nmodels:\n${modelsEntry('iris_clf:b')}`);
    expect(await bentosUsing(home, 'iris_clf:a')).toEqual(['api:v2', 'svc:v1']);
    expect(await bentosUsing(home, 'IRIS_CLF:b')).toEqual(['other:v1']);
    expect(await bentosUsing(home, 'iris_clf:c')).toEqual([]);
  });

  it('skips bentos with their own models/ copy and unreadable bento.yaml files', async () => {
    await bento('private', 'v1', `name: private\nversion: v1\nmodels:\n${modelsEntry('iris_clf:a')}`, true);
    await bento('broken', 'v1', 'name: [\n');
    await bento('none', 'v1', null);
    expect(await bentosUsing(home, 'iris_clf:a')).toEqual([]);
  });

  it('is empty without a bentos directory', async () => {
    expect(await bentosUsing(home, 'iris_clf:a')).toEqual([]);
  });
});
