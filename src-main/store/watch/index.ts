// watch/: the chokidar watcher that tells the service which names changed.
export { watchStore, type StoreChange, type StoreWatcher } from './store-watcher.ts';
