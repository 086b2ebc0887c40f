// The handler table (design §3): channel -> validate (zod) -> store operation -> Result.
// A plain object, so unit tests call it directly and the e2e harness binds it to a page.
import { REQUEST_CHANNELS, type RequestChannel, type RequestValue } from '../shared/ipc-contract.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { toErrorInfo } from './error-mapping.ts';
import { createHandlers } from './handlers-create.ts';
import { modelHandlers } from './handlers-models.ts';
import { storeHandlers } from './handlers-store.ts';
import { transferHandlers } from './handlers-transfer.ts';
import type { HandlerTable } from './ports.ts';
import { invalidArgument } from './error-mapping.ts';
import { requestSchemas } from './schemas.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

export function createHandlerTable(ctx: ServiceContext): HandlerTable {
  const impls: HandlerImpls<RequestChannel> = {
    ...storeHandlers(ctx),
    ...modelHandlers(ctx),
    ...createHandlers(ctx),
    ...transferHandlers(ctx),
  };
  const wrap = <C extends RequestChannel>(channel: C) => {
    const schema = requestSchemas[channel];
    const impl = impls[channel] as (arg: unknown) => Promise<RequestValue<C>>;
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
  const table: Partial<Record<RequestChannel, unknown>> = {};
  for (const channel of REQUEST_CHANNELS) table[channel] = wrap(channel);
  return Object.freeze(table) as HandlerTable;
}
