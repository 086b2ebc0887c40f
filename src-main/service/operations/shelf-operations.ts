// Every operation of the service in one object: what the IPC handler table calls, one method per
// request, named for what it does. Nothing here imports the IPC layer, so the table can import it.
import type { Logger } from '../ports.ts';
import { createOperations, type CreateOperations } from './create-operations.ts';
import { editOperations, type EditOperations } from './edit-operations.ts';
import { housekeepingOperations, type HousekeepingOperations } from './housekeeping-operations.ts';
import { integrityOperations, type IntegrityOperations } from './integrity-operations.ts';
import { modelOperations, type ModelOperations } from './model-operations.ts';
import type { ServiceContext } from './service-context.ts';
import { fixOperations, type FixOperations } from './fix-operations.ts';
import { storeOperations, type StoreOperations } from './store-operations.ts';
import { transferOperations, type TransferOperations } from './transfer-operations.ts';
import { remoteOperations, type RemoteOperations } from './remote-operations.ts';
import { bulkOperations, type BulkOperations } from './bulk-operations.ts';
import { fileOperations, type FileOperations } from './file-operations.ts';

export type ShelfOperations = StoreOperations & ModelOperations & CreateOperations & TransferOperations & HousekeepingOperations & FixOperations & IntegrityOperations & EditOperations & RemoteOperations & FileOperations & BulkOperations & { readonly log: Logger };

export function shelfOperations(ctx: ServiceContext): ShelfOperations {
  return { ...storeOperations(ctx), ...modelOperations(ctx), ...createOperations(ctx), ...transferOperations(ctx), ...housekeepingOperations(ctx), ...fixOperations(ctx), ...integrityOperations(ctx), ...editOperations(ctx), ...remoteOperations(ctx), ...fileOperations(ctx), ...bulkOperations(ctx), log: ctx.log };
}
