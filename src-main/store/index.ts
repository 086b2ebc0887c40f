// The public surface of the store core: the app, the CLI and the tests import from here.
export { ModelStore, type TaskOptions } from './model-store.ts';
export { CreateSession, type AddOptions, type BeginOptions } from './create-session.ts';
export type { DeleteOptions } from './delete-models.ts';
export { resolveHome, storePaths, type StorePaths } from './home.ts';
export { commitStagedVersion } from './commit-version.ts';
export { createStagingDir, listStaging, reclaimOwnOrphans, removeStaging } from './staging-area.ts';
export { withNameLock } from './store-lock.ts';
export { copyInto } from './copy-tree.ts';
export { type ArchiveFormat, guessFormat } from './archive-format.ts';
export { importFolder, type ImportFolderOptions } from './import-folder.ts';
