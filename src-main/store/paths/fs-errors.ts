import { errnoCode, errnoWords } from '../../shared/errno-sentences.ts';
import { ShelfError, isShelfError } from '../../shared/errors.ts';

// Turns Node's errno errors into the one-sentence ShelfErrors users see: always the path and
// the operation, never Node's raw "ECODE: text, syscall 'path'" message. Which codes mean a
// full disk, a refusal or a missing path, and the reason clause for the rest, come from the one
// errno table (shared/errno-sentences.ts) that the CLI and the IPC layer answer from too.

export type FsAction = 'read' | 'write' | 'delete' | 'move';

const VERB: Readonly<Record<FsAction, string>> = { read: 'read', write: 'write to', delete: 'delete', move: 'move' };

/** Re-exported for the store's callers; the errno table itself lives in shared/errno-sentences.ts. */
export { errnoCode };

function isNoSpace(error: unknown): boolean {
  // A ShelfError (or one that crossed a process as plain data) says NO_SPACE; a Node error ENOSPC/EDQUOT.
  return errnoCode(error) === 'NO_SPACE' || (!isShelfError(error) && errnoWords(error)?.code === 'NO_SPACE');
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
  const words = errnoWords(error);
  if (words?.code === 'NO_SPACE') {
    const where = home ?? target;
    return new ShelfError('NO_SPACE', `The disk holding ${where} is full. Free some space and try again; nothing was added.`, { cause: error });
  }
  if (words?.code === 'PERMISSION') {
    return new ShelfError('PERMISSION', `Model Shelf is not allowed to ${VERB[action]} '${target}' (${code}). Check its permissions and try again.`, { cause: error });
  }
  if (words?.code === 'NOT_FOUND') {
    return new ShelfError('NOT_FOUND', `'${target}' does not exist (it may have been moved or deleted meanwhile). Check the path and try again.`, { cause: error });
  }
  const why = code === undefined ? 'of an unexpected error' : (words?.why ?? `the system answered ${code}`);
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
