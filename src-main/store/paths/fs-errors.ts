import { ShelfError, isShelfError } from '../../shared/errors.ts';

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

function isNoSpace(error: unknown): boolean {
  const code = isShelfError(error) ? error.code : errnoCode(error);
  return code === 'NO_SPACE' || code === 'ENOSPC' || code === 'EDQUOT';
}

function tagList(tags: readonly string[]): string {
  return tags.length <= 1 ? tags.join('') : `${tags.slice(0, -1).join(', ')} and ${tags.at(-1)}`;
}

/**
 * A delete stopped by a full disk (a lock, a trash manifest or a `latest` pointer could not be
 * written): says what was and was not deleted, instead of a create's "nothing was added".
 * Other errors pass through unchanged.
 */
export function deleteFailedError(error: unknown, ctx: { home: string; trash: boolean; done: readonly string[]; total: number }): unknown {
  if (!isNoSpace(error)) return error;
  const verb = ctx.trash ? 'moved to the trash' : 'deleted';
  const was = ctx.done.length === 1 ? 'was' : 'were';
  const outcome =
    ctx.done.length === 0
      ? `nothing was ${verb}. Free some space and try again.`
      : ctx.done.length < ctx.total
        ? `${tagList(ctx.done)} ${was} ${verb}, the others were not. Free some space and try again.`
        : `${tagList(ctx.done)} ${was} ${verb}, but a \`latest\` pointer could not be updated. Free some space and run \`model-shelf repair\`.`;
  return new ShelfError('NO_SPACE', `The disk holding ${ctx.home} is full: ${outcome}`, { cause: error });
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
