// service/: Electron-free; one store session per open home (store, watcher, view, rescans, tasks) and the composition the app and the e2e harness bind.
export { createShelfService, type ShelfService, type ShelfServiceOptions } from './shelf-service.ts';
export { homeFromPickedFolder, shelfOperations, type ServiceContext, type ShelfOperations } from './operations/index.ts';
export { createStoreSession, type RevisionCounter, type StoreSession, type StoreSessionOptions } from './store-session.ts';
export { createPushQueue, type PushQueue, type PushSink } from './push-queue.ts';
export { createRescanQueue, type RescanQueue } from './rescan-queue.ts';
export { cancelledError, createTaskRegistry, taskProgress, type RunningTask, type TaskRegistry } from './task-registry.ts';
export { createStoreView, type StoreView } from './store-view.ts';
export { defaultLogger, type AppSettings, type DialogPort, type Logger, type SettingsPort, type ShellPort, type WindowBounds } from './ports.ts';
