// The handler table (design §3): channel -> validate (zod) -> store operation -> Result.
// A plain object, so unit tests call it directly and the e2e harness binds it to a page.
import type { ZodType } from 'zod';
import { perChannel, REQUEST_CHANNELS, type RequestChannel, type RequestValue } from '../shared/ipc-contract.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { invalidArgument, toErrorInfo } from './error-mapping.ts';
import { createHandlers } from './handlers-create.ts';
import { modelHandlers } from './handlers-models.ts';
import { storeHandlers } from './handlers-store.ts';
import { transferHandlers } from './handlers-transfer.ts';
import type { HandlerTable } from './ports.ts';
import { requestSchemas, type HandlerArg } from './schemas.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

export function createHandlerTable(ctx: ServiceContext): HandlerTable {
  // A channel of the contract without a handler here (or a handler for no channel) does not compile.
  const impls = {
    ...storeHandlers(ctx),
    ...modelHandlers(ctx),
    ...createHandlers(ctx),
    ...transferHandlers(ctx),
  } satisfies HandlerImpls<RequestChannel>;
  const handlers: HandlerImpls<RequestChannel> = impls;
  const wrap = <C extends RequestChannel>(channel: C) => {
    const schema: ZodType<HandlerArg<C>> = requestSchemas[channel];
    const impl = handlers[channel];
    return async (raw: unknown): Promise<Result<RequestValue<C>>> => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail(invalidArgument(channel, parsed.error));
      try {
        return ok(await impl(parsed.data));
      } catch (error) {
        return fail(toErrorInfo(channel, error, ctx.log));
      }
    };
  };
  // perChannel's map is keyed by every channel; each value is wrap(channel) for that very channel.
  return Object.freeze(perChannel(REQUEST_CHANNELS, wrap)) as HandlerTable;
}
