import { ShelfError, isShelfError } from '../shared/errors.ts';

// Turns Node's errno errors into the one-sentence ShelfErrors users see: always the path and
// the operation, never Node's raw "ECODE: text, syscall 'path'" message.

export type FsAction = 'read' | 'write' | 'delete' | 'move';

const VERB: Readonly<Record<FsAction, string>> = { read: 'read', write: 'write to', delete: 'delete', move: 'move' };

const WHY: Readonly<Record<string, string>> = {
  EXDEV: 'it would have to move to another disk, which a rename cannot do',
  EIO: 'the disk reported a read or write error',
  EBUSY: 'it is in use by another program',
  EMFILE: 'too many files are open at once',
  ENFILE: 'too many files are open at once',
  ENAMETOOLONG: 'its path is too long for the file system',
  ELOOP: 'its path goes round a loop of symbolic links',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder where a file was expected',
  ENOTEMPTY: 'a folder that should have been empty was not',
  EEXIST: 'something with that name already exists',
  ESTALE: 'the network disk holding it went away',
  ETIMEDOUT: 'the disk holding it did not answer in time',
};

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export function fsError(error: unknown, target: string, action: FsAction, home?: string): ShelfError {
  if (isShelfError(error)) return error;
  const code = errnoCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const where = home ?? target;
    return new ShelfError('NO_SPACE', `The disk holding ${where} is full. Free some space and try again; nothing was added.`, { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ShelfError('PERMISSION', `Model Shelf is not allowed to ${VERB[action]} '${target}' (${code}). Check its permissions and try again.`, { cause: error });
  }
  if (code === 'ENOENT') {
    return new ShelfError('NOT_FOUND', `'${target}' does not exist (it may have been moved or deleted meanwhile). Check the path and try again.`, { cause: error });
  }
  const why = code === undefined ? 'of an unexpected error' : (WHY[code] ?? `the system answered ${code}`);
  return new ShelfError('IO', `Could not ${VERB[action]} '${target}' because ${why}. Check the disk and try again.`, { cause: error });
}

/** Runs `fn`, turning any errno error into fsError's sentence about `target`. */
export async function withFsErrors<T>(target: string, action: FsAction, home: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw fsError(error, target, action, home);
  }
}

export function abortedError(): ShelfError {
  return new ShelfError('ABORTED', 'The operation was cancelled; nothing was added.');
}
