// An archive to read, or a file to put into one, that is not (or no longer) a regular file: a
// pipe waits for a writer for good, so it is refused in one sentence instead of being read.
import { ShelfError } from '../../shared/errors.ts';

/** The archive the user named is a pipe, socket or device (an import needs a regular file). */
export function notRegularArchive(file: string): ShelfError {
  return new ShelfError('INVALID_ARGUMENT', `'${file}' is not a regular file (a pipe, socket or device), so it was not read; an import needs an archive file or a folder holding a model.yaml.`);
}

/** A member of an export was swapped for something else after the version was listed. */
export function memberNotRegular(rel: string): ShelfError {
  return new ShelfError('IO', `'${rel}' was replaced by something that is not the regular file listed (a pipe, socket, device or another file) while the model was being archived, so it was not read. Remove it from the version and export again.`);
}
