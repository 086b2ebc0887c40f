// Exit codes beyond program.ts's 0 (success), 1 (an error) and 2 (usage). `repair` answers like
// fsck, whose "errors corrected" (1) and "usage" (16) are taken here by error and usage:
// 0 nothing wrong, 3 problems found and all fixed (dry run: all would be), 4 some left for you.
export const EXIT_OK_NOTHING_WRONG = 0;
export const EXIT_REPAIRED = 3;
export const EXIT_LEFT_FOR_YOU = 4;

/** Thrown by a command that finished its work but must end with `code` (runCli returns it). */
export class ExitStatus extends Error {
  readonly code: number;

  constructor(code: number) {
    super(`exit status ${code}`);
    this.name = 'ExitStatus';
    this.code = code;
  }
}
