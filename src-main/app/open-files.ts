// Model archives opened from the OS: on the command line (argv, also of a second instance,
// relative to its working directory) or through macOS 'open-file'. They are imported like a drop.
import path from 'node:path';
import { isArchiveFormat, lastExtension } from '../store/index.ts';

/** Archive paths among command-line arguments (flags and the app path itself skipped). */
export function archivesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && isArchiveFormat(lastExtension(arg)))
    .map((arg) => path.resolve(cwd, arg));
}

/** Collects files until the service is up, then hands each batch over. */
export function createOpenFileQueue(): { add(paths: readonly string[]): void; attach(handler: (paths: string[]) => void): void } {
  let pending: string[] = [];
  let handler: ((paths: string[]) => void) | null = null;
  return {
    add(paths) {
      if (paths.length === 0) return;
      if (handler) handler([...paths]);
      else pending.push(...paths);
    },
    attach(next) {
      handler = next;
      if (pending.length > 0) next(pending);
      pending = [];
    },
  };
}
