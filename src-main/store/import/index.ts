// import/: reading archives and saved-model folders into staging, refusing hostile members, then committing.
export { importFolder, type ImportFolderOptions } from './import-folder.ts';
