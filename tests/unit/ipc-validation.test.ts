import { describe, expect, it } from 'vitest';
import { createHandlerTable } from '../../src-main/ipc/handler-table.ts';
import type { ServiceContext } from '../../src-main/ipc/service-context.ts';
import { REQUEST_CHANNELS, type RequestChannel } from '../../src-main/shared/ipc-contract.ts';

// A context that blows up on any use: a handler that got past validation answers INTERNAL.
const logged: unknown[] = [];
const untouchable = new Proxy({} as ServiceContext, {
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
  'create:begin': [{ name: 'iris', labels: {}, metadata: {}, path: '/tmp/x' }, 'path'],
  'create:add': [{ sessionId: '../../etc', paths: ['/tmp/a'], root: false }, 'sessionId'],
  'create:commit': [{ sessionId: '' }, 'sessionId'],
  'create:abort': [{}, 'sessionId'],
  'models:delete': [{ tags: [], force: false }, 'tags'],
  'trash:list': ['all', ''],
  'trash:restore': [{ ids: ['/home/me/bentoml/models/iris'] }, 'ids[0]'],
  'trash:empty': [{ olderThan: 3 }, ''],
  'models:export': [{ tag: 'iris:latest', out: '/etc/passwd' }, 'out'],
  'models:import': [{ paths: ['/tmp/a\0.bentomodel'] }, 'paths[0]'],
  'task:cancel': [{ id: 7 }, 'id'],
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

  it('lets a valid argument through to the handler', async () => {
    const before = logged.length;
    const result = await table['model:get']({ tag: 'iris_clf:latest' });
    expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    expect(logged.length).toBe(before + 1);
  });
});
