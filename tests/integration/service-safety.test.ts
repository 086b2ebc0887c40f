import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storePaths } from '../../src-main/store/paths/home.ts';
import { stagingHost } from '../../src-main/store/create/staging-area.ts';
import { startHarness, type Harness } from './service-helpers.ts';
import { eventually, seedVersion } from './watcher-helpers.ts';

// design.md: "a crash leaves only a staging dir"; issue 8: opening a window on a store only reads,
// so the next WRITE reclaims it (createStagingDir), not the start-up.

let h: Harness | undefined;
let root: string | undefined;
afterEach(async () => {
  await h?.dispose();
  if (root) await fsp.rm(root, { recursive: true, force: true });
  h = undefined;
  root = undefined;
});

describe('start-up of the desktop service', () => {
  it('leaves staging alone; the first create removes this machine\'s staging left by a dead process, and nothing else', async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-reclaim-'));
    const home = path.join(root, 'bentoml');
    const paths = storePaths(home);
    await fsp.mkdir(paths.models, { recursive: true });
    const dead = `create-${stagingHost()}-4194305-abcdef`;
    const live = `create-${stagingHost()}-${process.pid}-123456`;
    const foreign = `import-other.example_host-4194305-aaaaaa`;
    for (const id of [dead, live, foreign]) {
      await fsp.mkdir(path.join(paths.staging, id), { recursive: true });
      await fsp.writeFile(path.join(paths.staging, id, 'w.bin'), 'x');
    }
    h = await startHarness({ home });
    await h.service.reload();
    expect((await fsp.readdir(paths.staging)).sort()).toEqual([dead, foreign, live].sort());
    await fsp.writeFile(path.join(root, 'w.bin'), 'weights');
    await h.call('models:create', { taskId: 'first-write', name: 'm', labels: {}, metadata: {}, paths: [path.join(root, 'w.bin')], root: false });
    await eventually(async () => ((await fsp.readdir(paths.staging)).includes(dead) ? undefined : true), 'the dead staging folder to go');
    expect((await fsp.readdir(paths.staging)).sort()).toEqual([foreign, live].sort());
    expect(await fsp.readFile(path.join(paths.staging, foreign, 'w.bin'), 'utf8')).toBe('x');
  });
});

describe('delete from the window', () => {
  it('deletes exactly the tags it was sent: one gone meanwhile is not widened to a prefix of another', async () => {
    h = await startHarness();
    await seedVersion(h.models, 'm', 'abc', new Date('2025-01-01T00:00:00Z'));
    await seedVersion(h.models, 'm', 'abcdef', new Date('2025-02-01T00:00:00Z'));
    // 'm:abc' was shown in the confirmation, then deleted by someone else before the answer.
    await fsp.rm(path.join(h.models, 'm', 'abc'), { recursive: true });
    expect(await h.call('models:delete', { tags: ['m:abc'], force: false })).toEqual([]);
    expect(await fsp.readdir(path.join(h.models, 'm'))).toContain('abcdef');
  });
});
