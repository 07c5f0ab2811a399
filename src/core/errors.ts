/** The one error family of heed. `code` lets the adapter boundary decide how to answer the user. */
export type HeedErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'already_resolved'
  | 'forbidden'
  | 'config'
  | 'store'
  | 'answerer'
  | 'platform';

export class HeedError extends Error {
  override readonly name = 'HeedError';
  /** Log fields that are safe to write (no tokens): e.g. a platform's HTTP status and error code. */
  readonly context: Record<string, unknown> | undefined;
  constructor(
    readonly code: HeedErrorCode,
    message: string,
    options?: { cause?: unknown; context?: Record<string, unknown> },
  ) {
    super(message, options);
    this.context = options?.context;
  }
}

/** Errors whose message is safe and useful to show the person who caused them. */
export function isUserFacing(err: unknown): err is HeedError {
  return (
    err instanceof HeedError &&
    ['invalid_input', 'not_found', 'already_resolved', 'forbidden'].includes(err.code)
  );
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
