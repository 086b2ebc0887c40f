// ipc/: the handler table only: channel -> zod validation -> service call -> Result, with the error mapping.
export { createHandlerTable, type HandlerImpl, type HandlerImpls, type HandlerTable } from './handler-table.ts';
export { invalidArgument, toErrorInfo } from './error-mapping.ts';
export { requestSchemas, type HandlerArg, type SchemaCheck } from './schemas.ts';
