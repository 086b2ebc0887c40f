// Error codes that cross every boundary (store -> CLI, store -> IPC -> renderer).
// The renderer maps codes to words; nobody parses messages.
export const ERROR_CODES = [
  'INVALID_TAG',
  'INVALID_ARGUMENT',
  'INVALID_LABELS',
  'INVALID_METADATA',
  'NOT_FOUND',
  'AMBIGUOUS',
  'ALREADY_EXISTS',
  'IN_USE',
  'BROKEN_MODEL',
  'BAD_ARCHIVE',
  'UNSAFE_PATH',
  'NO_SPACE',
  'PERMISSION',
  'IO',
  'ABORTED',
  'BUSY',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  /** One or two sentences for a person: what happened and what to do. */
  readonly message: string;
  /** Optional machine-readable extras (for example the candidates of an ambiguous prefix). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The one error type the store throws. `message` is user-facing. */
export class ShelfError extends Error {
  readonly code: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShelfError';
    this.code = code;
    if (options?.details) this.details = options.details;
  }

  toInfo(): ErrorInfo {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isShelfError(error: unknown): error is ShelfError {
  return error instanceof ShelfError;
}
