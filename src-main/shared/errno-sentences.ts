import type { ErrorCode, ErrorInfo } from './errors.ts';

// The one table of Node errno codes and the words users get for them. Two sayings per code:
// `why`, the clause store/paths/fs-errors.ts puts into its sentence about a path and an
// operation ("Could not move '...' because <why>."), and `sentence`, the whole answer the CLI
// and the IPC layer give when an errno error escaped the store's own wrapping, never Node's raw
// "EACCES: ..." text. `code` is the ShelfError code both use.
interface ErrnoWords {
  readonly code: ErrorCode;
  readonly why?: string;
  readonly sentence?: string;
}

const NOT_ALLOWED = 'Model Shelf was not allowed to read or write a file. Check the folder permissions and try again.';
const TOO_MANY_OPEN = 'too many files are open at once';

export const ERRNO_WORDS: Readonly<Record<string, ErrnoWords>> = {
  ENOSPC: { code: 'NO_SPACE', sentence: 'The disk is full. Free some space and try again.' },
  EDQUOT: { code: 'NO_SPACE', sentence: 'Your disk quota is used up. Free some space and try again.' },
  EACCES: { code: 'PERMISSION', sentence: NOT_ALLOWED },
  EPERM: { code: 'PERMISSION', sentence: NOT_ALLOWED },
  EROFS: { code: 'PERMISSION', sentence: 'The store is on a read-only disk. Choose a writable store folder.' },
  ENOENT: { code: 'NOT_FOUND' },
  EXDEV: {
    code: 'IO',
    why: 'it would have to move to another disk, which a rename cannot do',
    sentence: 'A folder could not be moved because it would have to go to another disk. Keep the store\'s models/ and .model-shelf/ folders on one disk and try again.',
  },
  EIO: { code: 'IO', why: 'the disk reported a read or write error', sentence: 'The disk reported a read or write error. Check the disk and try again.' },
  EMFILE: { code: 'IO', why: TOO_MANY_OPEN, sentence: 'Too many files are open at once. Close some programs and try again.' },
  ENFILE: { code: 'IO', why: TOO_MANY_OPEN, sentence: 'Too many files are open at once. Close some programs and try again.' },
  EBUSY: { code: 'IO', why: 'it is in use by another program', sentence: 'A file is in use by another program. Close it and try again.' },
  ENAMETOOLONG: { code: 'IO', why: 'its path is too long for the file system' },
  ELOOP: { code: 'IO', why: 'its path goes round a loop of symbolic links' },
  ENOTDIR: { code: 'IO', why: 'a part of its path is not a folder' },
  EISDIR: { code: 'IO', why: 'it is a folder where a file was expected' },
  ENOTEMPTY: { code: 'IO', why: 'a folder that should have been empty was not' },
  EEXIST: { code: 'IO', why: 'something with that name already exists' },
  ESTALE: { code: 'IO', why: 'the network disk holding it went away' },
  ETIMEDOUT: { code: 'IO', why: 'the disk holding it did not answer in time' },
};

/** The errno `code` of a Node error ('ENOENT', ...), or undefined for any other value. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The table's words for an error's errno code, or undefined when it has none. */
export function errnoWords(error: unknown): ErrnoWords | undefined {
  const code = errnoCode(error);
  return code !== undefined && Object.hasOwn(ERRNO_WORDS, code) ? ERRNO_WORDS[code] : undefined;
}

/** The sentence for an error carrying a Node errno `code`, or undefined for any other error. */
export function errnoInfo(error: unknown): ErrorInfo | undefined {
  const words = errnoWords(error);
  return words?.sentence === undefined ? undefined : { code: words.code, message: words.sentence };
}
