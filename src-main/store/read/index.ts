// read/: scanning the store, loading versions, resolving tags, sizes and file trees; never writes.
export { dirSize } from './dir-size.ts';
export { scanName, scanStore, type ScanResult } from './scan.ts';
