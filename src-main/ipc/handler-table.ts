// The handler table (design §3): channel -> validate (zod) -> service call -> Result.
// A plain object, so unit tests call it directly and the e2e harness binds it to a page.
import type { ZodType } from 'zod';
import { perChannel, REQUEST_CHANNELS, type RequestChannel, type RequestValue } from '../shared/ipc-contract.ts';
import { fail, ok, type Result } from '../shared/result.ts';
// The operations' room, not the service's door: the door's composition imports this table.
import type { ShelfOperations } from '../service/operations/index.ts';
import { invalidArgument, toErrorInfo } from './error-mapping.ts';
import { requestSchemas, type HandlerArg } from './schemas.ts';

export type HandlerTable = {
  readonly [C in RequestChannel]: (arg: unknown) => Promise<Result<RequestValue<C>>>;
};

/** A handler gets its argument already validated (schemas.ts), typed as the contract says. */
export type HandlerImpl<C extends RequestChannel> = (arg: HandlerArg<C>) => Promise<RequestValue<C>>;
export type HandlerImpls<K extends RequestChannel> = { readonly [C in K]: HandlerImpl<C> };

export function createHandlerTable(service: ShelfOperations): HandlerTable {
  // A channel of the contract without a handler here (or a handler for no channel) does not compile.
  const handlers: HandlerImpls<RequestChannel> = {
    'app:ready': () => service.ready(),
    'store:snapshot': () => Promise.resolve(service.snapshot()),
    'store:open': () => service.openAnotherStore(),
    'store:create-folder': () => service.createModelsFolder(),
    'store:repair': ({ dryRun }) => service.repair(dryRun),
    'model:get': ({ tag }) => service.getModel(tag),
    'model:reveal': ({ tag }) => service.revealModel(tag),
    'model:usage': ({ tags }) => service.bentosUsing(tags),
    'paths:inspect': ({ paths }) => service.inspectPaths(paths),
    'models:create': (args) => service.createModel(args),
    'models:delete': ({ tags, force }) => service.deleteModels(tags, force),
    'trash:list': () => service.listTrash(),
    'trash:restore': ({ ids }) => service.restoreFromTrash(ids),
    'trash:empty': () => service.emptyTrash(),
    'models:export': ({ taskId, tag }) => service.exportModel(taskId, tag),
    'models:import': ({ taskId, paths, dedup }) => service.importModels(taskId, paths, dedup === true),
    'task:cancel': ({ taskId }) => Promise.resolve(service.cancelTask(taskId)),
    'model:edit': (args) => service.editModel(args),
    'model:promote': ({ tag, labels }) => service.promoteModel(tag, labels),
    'model:undo-edit': ({ ids }) => service.undoEdit(ids),
    'version:writer': ({ tags }) => service.writerStates(tags),
    'store:fix': ({ path, action }) => service.fixProblem(path, action),
    'store:reveal': ({ path }) => service.revealInStore(path),
    'store:usage': ({ name }) => service.diskUsage(name),
    'models:prune-plan': (rules) => service.planPrune(rules),
    'models:prune': ({ planId }) => service.applyPrunePlan(planId),
    'models:verify': ({ taskId, tags }) => service.verifyModels(taskId, tags),
    'model:integrity': ({ tag }) => service.integrityOf(tag),
    'model:manifest': ({ tag }) => service.manifestOf(tag),
    'models:dedup-plan': ({ taskId }) => service.planDedup(taskId),
    'models:dedup': ({ taskId, planId }) => service.applyDedup(taskId, planId),
    'remotes:list': () => service.listRemotes(),
    'remotes:add': (arg) => service.addRemote(arg),
    'remotes:remove': ({ name }) => service.removeRemote(name),
    'remote:browse': ({ remote, model }) => service.browseRemote(remote, model),
    'remote:push': ({ taskId, remote, tags }) => service.pushModels(taskId, remote, tags),
    'remote:pull': ({ taskId, remote, tags }) => service.pullModels(taskId, remote, tags),
    'version:file': ({ tag, path }) => service.versionFile(tag, path),
    'models:export-many': ({ taskId, tags }) => service.exportMany(taskId, tags),
    'models:relabel': (args) => service.relabelMany(args),
  } satisfies HandlerImpls<RequestChannel>;
  const wrap = <C extends RequestChannel>(channel: C) => {
    const schema: ZodType<HandlerArg<C>> = requestSchemas[channel];
    const impl = handlers[channel];
    return async (raw: unknown): Promise<Result<RequestValue<C>>> => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail(invalidArgument(channel, parsed.error));
      try {
        return ok(await impl(parsed.data));
      } catch (error) {
        return fail(toErrorInfo(channel, error, service.log));
      }
    };
  };
  // perChannel's map is keyed by every channel; each value is wrap(channel) for that very channel.
  return Object.freeze(perChannel(REQUEST_CHANNELS, wrap)) as HandlerTable;
}
