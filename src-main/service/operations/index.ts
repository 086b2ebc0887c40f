// operations/: what the window asks the service for (store, models and trash, create, transfer), each a function of the open session and the ports.
export type { ServiceContext } from './service-context.ts';
export { shelfOperations, type ShelfOperations } from './shelf-operations.ts';
export { homeFromPickedFolder } from './store-operations.ts';
