import type { ErrorInfo } from './errors.ts';

// Node errno errors that escaped the store's own wrapping (store/fs-errors.ts): the CLI and the
// IPC layer both answer them with these sentences, never with Node's raw "EACCES: ..." text.
export const ERRNO_INFO: Readonly<Record<string, ErrorInfo>> = {
  ENOSPC: { code: 'NO_SPACE', message: 'The disk is full. Free some space and try again.' },
  EDQUOT: { code: 'NO_SPACE', message: 'Your disk quota is used up. Free some space and try again.' },
  EACCES: { code: 'PERMISSION', message: 'Model Shelf was not allowed to read or write a file. Check the folder permissions and try again.' },
  EPERM: { code: 'PERMISSION', message: 'Model Shelf was not allowed to read or write a file. Check the folder permissions and try again.' },
  EROFS: { code: 'PERMISSION', message: 'The store is on a read-only disk. Choose a writable store folder.' },
  EXDEV: { code: 'IO', message: 'A folder could not be moved because it would have to go to another disk. Keep the store\'s models/ and .model-shelf/ folders on one disk and try again.' },
  EIO: { code: 'IO', message: 'The disk reported a read or write error. Check the disk and try again.' },
  EMFILE: { code: 'IO', message: 'Too many files are open at once. Close some programs and try again.' },
  ENFILE: { code: 'IO', message: 'Too many files are open at once. Close some programs and try again.' },
  EBUSY: { code: 'IO', message: 'A file is in use by another program. Close it and try again.' },
};

/** The sentence for an error carrying a Node errno `code`, or undefined for any other error. */
export function errnoInfo(error: unknown): ErrorInfo | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? ERRNO_INFO[code] : undefined;
}
