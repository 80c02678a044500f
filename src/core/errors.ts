/**
 * The one error type of RRCU: a stable code, what happened (quoting what was given and found),
 * and what to do about it. Each door maps it once: the CLI prints message and fix, the API returns
 * them as JSON, jobs decide retry or fail from the code.
 */
export class RrcuError extends Error {
  readonly code: string;
  readonly fix: string | undefined;
  /** For a refusal that passes with time (rate limits): how many seconds to wait; the API sends it as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, options: { fix?: string; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RrcuError';
    this.code = code;
    this.fix = options.fix;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isRrcuError(e: unknown, code?: string): e is RrcuError {
  return e instanceof RrcuError && (code === undefined || e.code === code);
}
