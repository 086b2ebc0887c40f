// read/: scanning the store, loading versions, resolving tags, sizes and file trees; never writes.
export { dirSize } from './dir-size.ts';
export { scanKeeping, scanName, scanStore, type KeptScan, type ScanResult } from './scan.ts';
