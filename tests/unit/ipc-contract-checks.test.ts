// The contract's checks are compile-time: `npm run typecheck` fails on every `@ts-expect-error`
// below that stops being an error, i.e. when a check that keeps main, preload, schemas and fakes
// in step with src-main/shared/ipc-contract.ts is loosened. The runtime part checks the lists.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SchemaCheck } from '../../src-main/ipc/schemas.ts';
import type { HandlerImpls } from '../../src-main/ipc/handler-table.ts';
import { perChannel, PUSH_CHANNELS, REQUEST_CHANNELS, type RequestChannel, type ShelfApi } from '../../src-main/shared/ipc-contract.ts';
import type { Result } from '../../src-main/shared/result.ts';

const answer = (): Promise<Result<never>> => Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'type test' } });
const anyImpl = (): Promise<never> => Promise.reject(new Error('type test'));

describe('one contract, checked', () => {
  it('lists every channel once', () => {
    expect(new Set(REQUEST_CHANNELS).size).toBe(REQUEST_CHANNELS.length);
    expect(new Set(PUSH_CHANNELS).size).toBe(PUSH_CHANNELS.length);
    expect(REQUEST_CHANNELS).toContain('models:create');
    expect(REQUEST_CHANNELS.filter((c) => c.startsWith('create:'))).toEqual([]);
  });

  it('a preload surface missing a channel does not compile', () => {
    const fewer = REQUEST_CHANNELS.filter((c): c is Exclude<RequestChannel, 'task:cancel'> => c !== 'task:cancel');
    // @ts-expect-error 'task:cancel' is missing
    const request: ShelfApi['request'] = perChannel(fewer, () => answer);
    const complete: ShelfApi['request'] = perChannel(REQUEST_CHANNELS, () => answer);
    expect(Object.keys(request).length + 1).toBe(Object.keys(complete).length);
  });

  it('a handler table missing a channel, or with one the contract does not know, does not compile', () => {
    const all = perChannel(REQUEST_CHANNELS, () => anyImpl);
    const { 'task:cancel': _dropped, ...fewer } = all;
    // @ts-expect-error 'task:cancel' is missing
    const missing: HandlerImpls<RequestChannel> = fewer;
    // @ts-expect-error 'create:begin' is no channel of the contract
    const extra: HandlerImpls<RequestChannel> = { ...all, 'create:begin': anyImpl };
    expect([missing, extra].every(Boolean)).toBe(true);
  });

  it('a schema that does not parse to exactly the contract argument does not compile', () => {
    const exact = z.strictObject({ taskId: z.string(), tag: z.string() });
    const fine: SchemaCheck<'models:export', typeof exact> = exact;
    const noTag = z.strictObject({ taskId: z.string() });
    // @ts-expect-error the contract's 'tag' is missing
    const missing: SchemaCheck<'models:export', typeof noTag> = noTag;
    const optionalTag = z.strictObject({ taskId: z.string(), tag: z.string().optional() });
    // @ts-expect-error the contract's 'tag' is required
    const optional: SchemaCheck<'models:export', typeof optionalTag> = optionalTag;
    const extraField = z.strictObject({ taskId: z.string(), tag: z.string(), out: z.string() });
    // @ts-expect-error 'out' is not in the contract
    const extra: SchemaCheck<'models:export', typeof extraField> = extraField;
    const numberId = z.strictObject({ taskId: z.number(), tag: z.string() });
    // @ts-expect-error 'taskId' is a string in the contract
    const wrongType: SchemaCheck<'models:export', typeof numberId> = numberId;
    expect([fine, missing, optional, extra, wrongType].every(Boolean)).toBe(true);
  });
});
