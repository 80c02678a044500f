import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMON_ERRORS, isRrcuError, RrcuError, type ErrorKind, type FieldProblem } from '../core/errors.ts';

/**
 * A field of the request and what is wrong with it: `body.config.roleArn`, `querystring.at`, `params.id` when the
 * route's schema refused it, the body's own path (`justification`, `entitlement.accounts`) when a service's rule did.
 * The shape is core's `FieldProblem`; `satisfies` keeps the two from drifting apart.
 */
const fieldProblemSchema = z.object({
  field: z.string().describe("The field: `body.…`, `querystring.…` or `params.…` when the route's schema refused it; its path in the body (or the query's name) when a rule of the service did, e.g. `justification`"),
  message: z.string().describe('What is wrong with it'),
}) satisfies z.ZodType<FieldProblem, FieldProblem>;

/** The body of every error answer: a stable code, what happened, what to do (published as ErrorBody in the OpenAPI document). */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), fix: z.string().optional(), fields: z.array(fieldProblemSchema).optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Input refused before any handler ran, field by field: by the route's schema or by the server-wide checks. */
export class InvalidInputError extends RrcuError {
  declare readonly fields: readonly FieldProblem[];

  constructor(fields: FieldProblem[]) {
    super(COMMON_ERRORS.INVALID_INPUT, fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fix: 'Correct the fields named and try again.', fields });
  }
}

// Fastify's own refusals (the body before any schema sees it), in RRCU's words; the status stays Fastify's.
const FRAMEWORK_ERRORS: Record<string, { code: string; fix: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', fix: 'Send a valid JSON document; keys such as "__proto__" and "constructor" are refused.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', fix: 'Send a JSON body, or leave out the Content-Type header when there is none.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', fix: 'Send the body as JSON, with Content-Type: application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', fix: 'Send a body of at most 1 MiB.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', fix: 'Send a Content-Length that matches the body, or none.' },
};

// The one place an error's kind becomes an HTTP status; the thrower chose the kind with the code.
const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  timeout: 408,
  conflict: 409,
  too_large: 413,
  uri_too_long: 414,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  // AWS, SCIM or the identity provider refused: RRCU is a gateway to them, and the fix is on their side.
  upstream: 502,
  unavailable: 503,
};

export function statusForKind(kind: ErrorKind): number {
  return STATUS_BY_KIND[kind];
}

/** The kind of an answer RRCU's API gave (for the CLI, which only has the status): the kind of that status, else the class's. */
export function kindForStatus(status: number): ErrorKind {
  const kind = (Object.keys(STATUS_BY_KIND) as ErrorKind[]).find((k) => STATUS_BY_KIND[k] === status);
  return kind ?? (status >= 500 ? 'internal' : 'invalid');
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A problem with the whole body (not an object) has the path "/": named `body`, not `body.`.
    const fields = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`.replace(/\.$/, ''),
      message: v.message ?? 'is invalid',
    }));
    errorHandler(new InvalidInputError(fields) as unknown as FastifyError, request, reply);
    return;
  }
  if (isRrcuError(error)) {
    const status = statusForKind(error.kind);
    if (status >= 500) request.log.error({ err: error }, error.message);
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(error.fix ? { fix: error.fix } : {}), ...(error.fields ? { fields: [...error.fields] } : {}) },
    };
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    void reply.status(status).send(body);
    return;
  }
  // Fastify's own client errors (bad JSON, body too large, unsupported media type).
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const known = FRAMEWORK_ERRORS[error.code];
    const body: ErrorBody = { error: { code: known?.code ?? error.code ?? 'BAD_REQUEST', message: error.message, fix: known?.fix ?? 'Check the request against the API documentation at /api/docs.' } };
    void reply.status(error.statusCode).send(body);
    return;
  }
  // A raw database or AWS error never reaches the client; it goes to the log with the request id.
  request.log.error({ err: error }, 'request failed');
  const body: ErrorBody = { error: { code: 'INTERNAL', message: `Something went wrong on the server (request ${request.id}).`, fix: 'Try again; if it persists, look for this request id in the server log.' } };
  void reply.status(500).send(body);
}
