/**
 * What went wrong, in the terms every door understands: chosen by the code that throws, since only it
 * knows whether the caller's input is wrong or AWS failed. Each door maps kinds once (the API to an HTTP
 * status in `server/error-handler.ts`); nothing maps a code.
 */
export const ERROR_KINDS = [
  /** The caller's input is wrong: correct it and try again. */
  'invalid',
  /** Who is calling is not known or not proven (no session, a wrong password, a bad token). */
  'unauthenticated',
  /** The caller is known and may not do this. */
  'forbidden',
  'not_found',
  /** The state of things refuses it now: something runs, exists, or is archived. */
  'conflict',
  /** HTTP itself: the request arrived too slowly, or a part of it is too large. */
  'timeout',
  'too_large',
  'uri_too_long',
  'headers_too_large',
  /** Refused for a while; `retryAfterSeconds` says how long when known. */
  'rate_limited',
  /** RRCU's own setup failed (settings, data directory, secret key): the operator fixes it, not the caller. */
  'internal',
  /** AWS, a SCIM endpoint or the identity provider answered with a failure: the fix is there, not in the request. */
  'upstream',
  /** A dependency (database, job engine, AWS, identity provider) cannot be reached now: try again later. */
  'unavailable',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A code with its kind: what `RrcuError` takes, so no code is thrown without a kind. */
export type ErrorCode<C extends string = string> = { readonly code: C; readonly kind: ErrorKind };

/**
 * A capability's codes, each with its kind, declared once beside the capability (`connectors/errors.ts`):
 * `errorCodes({ CONNECTOR_EXISTS: 'conflict' }).CONNECTOR_EXISTS` is `{ code: 'CONNECTOR_EXISTS', kind: 'conflict' }`.
 */
export function errorCodes<const T extends Record<string, ErrorKind>>(kinds: T): { readonly [C in keyof T & string]: ErrorCode<C> } {
  return Object.fromEntries(Object.entries(kinds).map(([code, kind]) => [code, Object.freeze({ code, kind })])) as { [C in keyof T & string]: ErrorCode<C> };
}

/** Codes every capability may throw. */
export const COMMON_ERRORS = errorCodes({
  INVALID_INPUT: 'invalid',
  AMBIGUOUS: 'invalid',
  NOT_FOUND: 'not_found',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
});

/**
 * One input field that is wrong and what is wrong with it, so a form can say it next to the field. `field` is the
 * path the caller gave it under: for a service's rule its path in the request body (`justification`, `entitlement.accounts`,
 * `itemIds`) or a query parameter's name (`before`); prefixed with where it came from (`body.`, `querystring.`,
 * `params.`) when the HTTP layer's schema found it.
 */
export type FieldProblem = { field: string; message: string };

/**
 * The one error type of RRCU: a stable code with its kind, what happened (quoting what was given and
 * found), and what to do about it. Each door maps it once: the CLI prints message and fix, the API
 * returns them as JSON with the kind's status, jobs decide retry or fail from the code.
 */
export class RrcuError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly fix: string | undefined;
  /** For a refusal that passes with time (rate limits): how many seconds to wait; the API sends it as Retry-After. */
  readonly retryAfterSeconds: number | undefined;
  /** For a refusal of some input fields (kind 'invalid' only, checked): which, each with what is wrong; the API sends them as `fields` with its 400. */
  readonly fields: readonly FieldProblem[] | undefined;

  /**
   * `fields` names the input fields the refusal is about; a bare name stands for `{ field, message }` with this
   * error's message, less a leading "field: " (the message keeps naming it for the CLI, which prints no fields).
   * Only an 'invalid' error names fields: a form shows them as the caller's input to correct, which a conflict or an
   * upstream failure is not.
   */
  constructor(error: ErrorCode, message: string, options: { fix?: string; cause?: unknown; retryAfterSeconds?: number; fields?: readonly (FieldProblem | string)[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // The type refuses a bare code; this catches one that slips past it (a cast, plain JavaScript).
    if (!ERROR_KINDS.includes(error?.kind)) throw new TypeError(`RrcuError ${JSON.stringify(error?.code ?? error)} has no kind.`);
    if (options.fields?.length && error.kind !== 'invalid') throw new TypeError(`RrcuError ${error.code} is of kind '${error.kind}', and only an 'invalid' error names input fields.`);
    this.name = 'RrcuError';
    this.code = error.code;
    this.kind = error.kind;
    this.fix = options.fix;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields?.length ? options.fields.map((f) => (typeof f === 'string' ? { field: f, message: withoutFieldName(message, f) } : f)) : undefined;
  }
}

function withoutFieldName(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

export function isRrcuError(e: unknown, code?: string): e is RrcuError {
  return e instanceof RrcuError && (code === undefined || e.code === code);
}
