// What the CLI's commands use of the store, loaded by them only when they run (never by --version,
// --help or a usage error). Every name comes through store/index.ts, the store's only door; this file
// exists for the bundle (vite.cli.config.ts): a static re-export lets the bundler follow each name to
// the room that defines it, so `list` loads the readers and not every room store/index.ts re-exports
// (a dynamic import of store/index.ts itself would make it one chunk that imports them all).
export { diskUsage, editModel, loadDedup, loadIntegrity, loadPrune, ModelStore, promoteModel, scanKeeping } from '../store/index.ts';
