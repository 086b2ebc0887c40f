import { ShelfError, isShelfError } from '../shared/errors.ts';

// Turns Node's errno errors into the one-sentence ShelfErrors users see.

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export function fsError(error: unknown, target: string, action: 'read' | 'write', home?: string): ShelfError {
  if (isShelfError(error)) return error;
  const code = errnoCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const where = home ?? target;
    return new ShelfError('NO_SPACE', `The disk holding ${where} is full. Free some space and try again; nothing was added.`, { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const verb = action === 'read' ? 'read' : 'write to';
    return new ShelfError('PERMISSION', `Model Shelf is not allowed to ${verb} '${target}' (${code}). Check its permissions and try again.`, { cause: error });
  }
  if (code === 'ENOENT') {
    return new ShelfError('NOT_FOUND', `'${target}' does not exist (it may have been moved or deleted meanwhile). Check the path and try again.`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ShelfError('IO', `Could not ${action} '${target}': ${detail}.`, { cause: error });
}

export function abortedError(): ShelfError {
  return new ShelfError('ABORTED', 'The operation was cancelled; nothing was added.');
}
