import { describe, expect, it } from 'vitest';
import { createHandlerTable } from '../../src-main/ipc/handler-table.ts';
import type { ShelfOperations } from '../../src-main/service/index.ts';
import { REQUEST_CHANNELS, type RequestChannel } from '../../src-main/shared/ipc-contract.ts';

// A context that blows up on any use: a handler that got past validation answers INTERNAL.
const logged: unknown[] = [];
const untouchable = new Proxy({} as ShelfOperations, {
  get(_target, key) {
    if (key === 'log') return (_m: string, e: unknown) => logged.push(e);
    return () => {
      throw new Error(`reached ctx.${String(key)}`);
    };
  },
});
const table = createHandlerTable(untouchable);

// One bad argument per channel, and the field the answer must name ('' = the whole argument).
const bad: Record<RequestChannel, [unknown, string]> = {
  'app:ready': [{ extra: 1 }, ''],
  'store:snapshot': [42, ''],
  'store:open': [{ home: '/etc' }, ''],
  'store:create-folder': [{ path: '/etc' }, ''],
  'store:repair': [{ dryRun: 'yes' }, 'dryRun'],
  'model:get': [{ tag: 'a'.repeat(300) }, 'tag'],
  'model:reveal': [{ tag: 5 }, 'tag'],
  'model:usage': [{ tags: 'iris_clf' }, 'tags'],
  'paths:inspect': [{ paths: ['relative/model.bin'] }, 'paths[0]'],
  'models:create': [{ taskId: '../../etc', name: 'iris', labels: {}, metadata: {}, paths: ['/tmp/a'], root: false }, 'taskId'],
  'models:delete': [{ tags: [], force: false }, 'tags'],
  'trash:list': ['all', ''],
  'trash:restore': [{ ids: ['/home/me/bentoml/models/iris'] }, 'ids[0]'],
  'trash:empty': [{ olderThan: 3 }, ''],
  'models:export': [{ taskId: 'task-1', tag: 'iris:latest', out: '/etc/passwd' }, 'out'],
  'models:import': [{ taskId: 'task-1', paths: ['/tmp/a\0.bentomodel'] }, 'paths[0]'],
  'task:cancel': [{ taskId: 7 }, 'taskId'],
  'model:edit': [{ tag: 'iris:v1', labels: { set: { stage: 1 }, unset: [] } }, 'labels.set.stage'],
  'model:promote': [{ tag: 'iris:v1', labels: { stage: ['prod'] } }, 'labels.stage'],
  'model:undo-edit': [{ ids: ['../../etc'] }, 'ids[0]'],
  'models:export-many': [{ taskId: 'task-1', tags: [] }, 'tags'],
  'models:relabel': [{ tags: ['iris:v1'], labels: { set: {}, unset: [] }, force: true }, 'force'],
  'version:writer': [{ tags: [] }, 'tags'],
  'store:fix': [{ path: 'models/iris/v1', action: 'rm-rf' }, 'action'],
  'store:reveal': [{ path: 7 }, 'path'],
  'store:usage': [{ name: 'x'.repeat(300) }, 'name'],
  'models:prune-plan': [{ keepLast: 0 }, 'keepLast'],
  'models:prune': [{ planId: '../plan' }, 'planId'],
  'models:verify': [{ taskId: 'task-1', tags: [5] }, 'tags[0]'],
  'model:integrity': [{ tag: '' }, 'tag'],
  'model:manifest': [{ tag: 5 }, 'tag'],
  'models:dedup-plan': [{ taskId: 'a/b' }, 'taskId'],
  'models:dedup': [{ taskId: 'task-1', planId: '../plan' }, 'planId'],
  'remotes:list': [{ secret: 'x' }, ''],
  'remotes:add': [{ name: '../team', url: 's3://bucket' }, 'name'],
  'remotes:remove': [{ name: '' }, 'name'],
  'remote:browse': [{ remote: 'team', model: 5 }, 'model'],
  'remote:push': [{ taskId: 'task-1', remote: 'team', tags: [] }, 'tags'],
  'remote:pull': [{ taskId: 'a/b', remote: 'team', tags: ['iris'] }, 'taskId'],
  'version:file': [{ tag: 'iris:v1', path: '' }, 'path'],
};

describe('argument validation', () => {
  it('has a bad-argument case for every request channel', () => {
    expect(Object.keys(bad).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it.each(REQUEST_CHANNELS.map((c) => [c] as const))('%s refuses a bad argument with INVALID_ARGUMENT before touching anything', async (channel) => {
    const [arg, field] = bad[channel];
    const result = await table[channel](arg);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.message).toContain(channel);
    if (field) expect(result.error.message).toContain(`'${field}'`);
    expect(result.error.details?.field).toBe(field);
  });

  it('refuses non-object arguments and unknown keys on object channels', async () => {
    for (const arg of [null, undefined, 'iris', ['iris'], { tag: 'iris', extra: true }]) {
      const result = await table['model:get'](arg);
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('refuses a create that is missing its task id, names no paths, carries an unknown field or bad metadata', async () => {
    const valid = { taskId: 'task-1', name: 'iris', labels: {}, metadata: { accuracy: 0.97 }, paths: ['/tmp/a'], root: false };
    const { taskId: _taskId, ...noTaskId } = valid;
    const cases: [unknown, string, RegExp?][] = [
      [noTaskId, 'taskId'],
      [{ ...valid, paths: [] }, 'paths'],
      [{ ...valid, path: '/tmp/x' }, 'path'],
      [{ ...valid, labels: { owner: 7 } }, 'labels.owner'],
      // The store's own rule and sentence (value-rules.ts): BentoML cannot load null metadata.
      [{ ...valid, metadata: { params: { layers: [1, null] } } }, 'metadata', /null metadata/],
    ];
    for (const [arg, field, words] of cases) {
      const result = await table['models:create'](arg);
      expect(result.ok ? 'ok' : [result.error.code, result.error.details?.field]).toEqual(['INVALID_ARGUMENT', field]);
      if (words && !result.ok) expect(result.error.message).toMatch(words);
    }
  });

  it('lets a valid argument through to the handler', async () => {
    const before = logged.length;
    const result = await table['model:get']({ tag: 'iris_clf:latest' });
    expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    expect(logged.length).toBe(before + 1);
  });
});
