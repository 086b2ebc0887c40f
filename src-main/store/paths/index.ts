// paths/: where a store's folders are, who owns a temporary name, locks, and the checks that keep sources and errors honest.
export { resolveHome, storePaths, type StorePaths } from './home.ts';
export { withNameLock } from './store-lock.ts';
export { existsSync, isDirectory, isDirectoryEntry, isDirectorySync, lexists } from './fs-probe.ts';
