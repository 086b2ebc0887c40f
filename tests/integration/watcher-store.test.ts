// The store watcher alone on real folders: missing folders, artifact trees not watched, close().
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatcherStatus } from '../../src-main/shared/model-types.ts';
import { watchStore, type StoreChange, type StoreWatcher } from '../../src-main/store/watch/store-watcher.ts';
import { eventually, inotifyWatches, seedVersion, sleep } from './watcher-helpers.ts';

let root: string;
let watcher: StoreWatcher | null = null;
const changes: StoreChange[] = [];
const statuses: WatcherStatus[] = [];

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-watch-'));
  changes.length = 0;
  statuses.length = 0;
});
afterEach(async () => {
  await watcher?.close();
  watcher = null;
  await fsp.rm(root, { recursive: true, force: true });
});

function start(models: string) {
  watcher = watchStore({ modelsDir: models, onChange: (c) => changes.push(c), onStatus: (s) => statuses.push(s) });
  return watcher;
}

const changedNames = () => new Set(changes.flatMap((c) => (c.kind === 'names' ? c.names : ['*'])));

describe('store watcher', () => {
  async function seedWithArtifactTrees(models: string) {
    const when = new Date('2025-03-15T08:00:00Z');
    for (const [name, version] of [['iris_clf', 'v1'], ['iris_clf', 'v2'], ['bert', 'v1']] as const) {
      await seedVersion(models, name, version, when);
      // A deep artifact tree: tokenizer/a/b/c with files at every level.
      let dir = path.join(models, name, version, 'tokenizer');
      for (const part of ['a', 'b', 'c']) {
        dir = path.join(dir, part);
        await fsp.mkdir(dir, { recursive: true });
        await fsp.writeFile(path.join(dir, 'vocab.txt'), part);
      }
    }
  }

  it("'all' watches names and every version dir but never the artifact trees inside them", async () => {
    const models = path.join(root, 'bentoml', 'models');
    await seedWithArtifactTrees(models);
    const before = await inotifyWatches();
    watcher = watchStore({ modelsDir: models, versionsWatch: 'all', onChange: (c) => changes.push(c), onStatus: (s) => statuses.push(s) });
    await watcher.ready;
    // models/ + 2 names + 3 versions; nothing for tokenizer/** (inotify limits, design §4).
    expect((await inotifyWatches()) - before).toBe(6);
    expect(watcher.status().state).toBe('watching');
    await fsp.writeFile(path.join(models, 'bert', 'v1', 'tokenizer', 'a', 'b', 'new.txt'), 'x');
    await fsp.writeFile(path.join(models, 'iris_clf', 'v2', 'extra.json'), '{}');
    await eventually(() => (changedNames().has('iris_clf') ? true : undefined), 'a change of iris_clf');
    await sleep(300);
    expect([...changedNames()]).toEqual(['iris_clf']);
  });

  it("'hot' (default) watches names, then the files of new versions and of those it is asked to", async () => {
    const models = path.join(root, 'bentoml', 'models');
    await seedWithArtifactTrees(models);
    const before = await inotifyWatches();
    await start(models).ready;
    // models/ + 2 names: finished versions cost nothing.
    expect((await inotifyWatches()) - before).toBe(3);
    // A finished version is only deleted or pointed at; both are seen one level up.
    await fsp.writeFile(path.join(models, 'iris_clf', 'latest'), 'v1');
    await eventually(() => (changedNames().has('iris_clf') ? true : undefined), 'the latest change');
    // A version that appears is being written: its own files are watched, not its artifact tree.
    await fsp.mkdir(path.join(models, 'bert', 'v2', 'tokenizer', 'deep'), { recursive: true });
    await eventually(async () => ((await inotifyWatches()) - before === 4 ? true : undefined), 'the new version watched');
    changes.length = 0;
    await fsp.writeFile(path.join(models, 'bert', 'v2', 'model.yaml'), 'x');
    await eventually(() => (changedNames().has('bert') ? true : undefined), 'model.yaml in the new version');
    // The service hands over an incomplete version found by a scan. What is already in it is
    // reported once more (closing the gap between the scan and the watch).
    changes.length = 0;
    watcher!.watchVersions([path.join(models, 'iris_clf', 'v2')]);
    await eventually(async () => ((await inotifyWatches()) - before === 5 ? true : undefined), 'the incomplete version watched');
    await eventually(() => (changedNames().has('iris_clf') ? true : undefined), 'the re-report of iris_clf:v2');
    await sleep(200);
    changes.length = 0;
    await fsp.writeFile(path.join(models, 'iris_clf', 'v2', 'tokenizer', 'a', 'deep.txt'), 'x');
    await sleep(300);
    expect(changes).toEqual([]);
    await fsp.writeFile(path.join(models, 'iris_clf', 'v2', 'model.yaml'), 'y');
    await eventually(() => (changedNames().has('iris_clf') ? true : undefined), 'model.yaml rewritten');
    // A deleted version gives its watch back.
    await fsp.rm(path.join(models, 'bert', 'v2'), { recursive: true });
    await eventually(async () => ((await inotifyWatches()) - before === 4 ? true : undefined), 'the deleted version unwatched');
  });

  it("'hot' watches a name folder created after start (a version moved in at once) and gives its watch back when it goes", async () => {
    const models = path.join(root, 'models');
    await seedVersion(models, 'iris_clf', 'v1', new Date());
    const staged = path.join(root, 'staging');
    await seedVersion(staged, 'bert', 'v1', new Date());
    const before = await inotifyWatches();
    await start(models).ready;
    expect((await inotifyWatches()) - before).toBe(2);
    // The name folder and its first version appear in one rename, before any watch on bert/ exists.
    await fsp.rename(path.join(staged, 'bert'), path.join(models, 'bert'));
    await eventually(() => (changedNames().has('bert') ? true : undefined), 'the new name');
    // models/ + 2 names + the new version (seen by listing bert/ once it is watched).
    await eventually(async () => ((await inotifyWatches()) - before === 4 ? true : undefined), 'the new name and its version watched');
    changes.length = 0;
    await fsp.writeFile(path.join(models, 'bert', 'latest'), 'v1');
    await eventually(() => (changedNames().has('bert') ? true : undefined), 'latest in the new name');
    changes.length = 0;
    await fsp.rm(path.join(models, 'bert'), { recursive: true });
    await eventually(() => (changedNames().has('bert') ? true : undefined), 'the name removed');
    await eventually(async () => ((await inotifyWatches()) - before === 2 ? true : undefined), 'its watches given back');
  });

  it('ignores junk and our own latest temp files', async () => {
    const models = path.join(root, 'models');
    await seedVersion(models, 'iris_clf', 'v1', new Date());
    await start(models).ready;
    await fsp.writeFile(path.join(models, '.DS_Store'), 'x');
    await fsp.writeFile(path.join(models, 'iris_clf', '.latest.abc123'), 'v1');
    await fsp.writeFile(path.join(models, 'iris_clf', 'v1', '._weights.bin'), 'x');
    await sleep(400);
    expect(changes).toEqual([]);
    await fsp.rename(path.join(models, 'iris_clf', '.latest.abc123'), path.join(models, 'iris_clf', 'latest'));
    await eventually(() => (changedNames().has('iris_clf') ? true : undefined), 'the latest rename');
  });

  it('waits for a store folder (and its home) that appears after start, then watches it', async () => {
    const models = path.join(root, 'later', 'bentoml', 'models');
    await start(models).ready;
    expect(watcher!.status()).toMatchObject({ state: 'missing', path: models });
    expect(watcher!.status().message).toMatch(/does not exist/);
    await fsp.mkdir(path.join(root, 'later'));
    await sleep(150);
    await fsp.mkdir(path.join(root, 'later', 'bentoml'));
    await sleep(150);
    await fsp.mkdir(models);
    await eventually(() => (watcher!.status().state === 'watching' ? true : undefined), 'watching state');
    expect(statuses.map((s) => s.state)).toContain('missing');
    await seedVersion(models, 'iris_clf', 'v1', new Date());
    await eventually(() => (changedNames().has('iris_clf') ? true : undefined), 'iris_clf in the new folder');
    // Deleted again: back to waiting, and it comes back once more.
    await fsp.rm(models, { recursive: true });
    await eventually(() => (watcher!.status().state === 'missing' ? true : undefined), 'missing again');
    await fsp.mkdir(path.join(models, 'bert'), { recursive: true });
    await eventually(() => (watcher!.status().state === 'watching' ? true : undefined), 'watching again');
    await fsp.mkdir(path.join(models, 'bert', 'v2'));
    await eventually(() => (changedNames().has('bert') ? true : undefined), 'bert after re-creation');
  });

  it('polls when asked (network volumes) and says so', async () => {
    const models = path.join(root, 'models');
    await seedVersion(models, 'iris_clf', 'v1', new Date());
    watcher = watchStore({ modelsDir: models, polling: true, onChange: (c) => changes.push(c), onStatus: (s) => statuses.push(s) });
    await watcher.ready;
    expect(watcher.status()).toMatchObject({ state: 'polling', path: models });
    expect(watcher.status().message).toMatch(/network/);
    await seedVersion(models, 'bert', 'v1', new Date());
    await eventually(() => (changedNames().has('bert') ? true : undefined), 'bert by polling');
  });

  it('close() resolves, releases every watch and reports nothing afterwards', async () => {
    const models = path.join(root, 'models');
    await seedVersion(models, 'iris_clf', 'v1', new Date());
    const before = await inotifyWatches();
    await start(models).ready;
    expect(await inotifyWatches()).toBeGreaterThan(before);
    await fsp.writeFile(path.join(models, 'iris_clf', 'latest'), 'v1');
    await watcher!.close();
    expect(watcher!.status().state).toBe('stopped');
    expect(await inotifyWatches()).toBe(before);
    const seen = changes.length;
    await seedVersion(models, 'bert', 'v1', new Date());
    await sleep(400);
    expect(changes.length).toBe(seen);
  });
});
