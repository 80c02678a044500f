import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isRrcuError } from '../core/errors.ts';

/** The body of every error answer: a stable code, what happened, what to do. */
export type ErrorBody = { error: { code: string; message: string; fix?: string; fields?: { field: string; message: string }[] } };

// The one place RRCU's error codes become HTTP statuses; codes not listed are 400 (the caller's input).
const STATUS_BY_SUFFIX: [RegExp, number][] = [
  [/^UNAUTHENTICATED$|^SESSION_EXPIRED$|^INVALID_CREDENTIALS$|^TOKEN_INVALID$/, 401],
  [/^FORBIDDEN$|^CSRF_TOKEN_INVALID$|^PASSWORD_CHANGE_REQUIRED$/, 403],
  [/_NOT_FOUND$|^NOT_FOUND$/, 404],
  [/_EXISTS$|_CONFLICT$|^ALREADY_RUNNING$|^SYNC_ALREADY_RUNNING$|^TASK_CONFLICT$|^CONNECTOR_ARCHIVED$|^CONNECTOR_NOT_ARCHIVED$/, 409],
  [/^THROTTLED$|^RATE_LIMITED$/, 429],
  [/^JOB_ENGINE_UNAVAILABLE$|^STORE_UNAVAILABLE$|^OIDC_UNAVAILABLE$/, 503],
];

export function statusForCode(code: string): number {
  for (const [pattern, status] of STATUS_BY_SUFFIX) if (pattern.test(code)) return status;
  return 400;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'is invalid',
    }));
    const body: ErrorBody = {
      error: { code: 'INVALID_INPUT', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fix: 'Correct the fields named and try again.', fields },
    };
    void reply.status(400).send(body);
    return;
  }
  if (isRrcuError(error)) {
    const status = statusForCode(error.code);
    if (status >= 500) request.log.error({ err: error }, error.message);
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.fix ? { fix: error.fix } : {}) } };
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    void reply.status(status).send(body);
    return;
  }
  // Fastify's own client errors (bad JSON, body too large, unsupported media type).
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const body: ErrorBody = { error: { code: error.code ?? 'BAD_REQUEST', message: error.message } };
    void reply.status(error.statusCode).send(body);
    return;
  }
  // A raw database or AWS error never reaches the client; it goes to the log with the request id.
  request.log.error({ err: error }, 'request failed');
  const body: ErrorBody = { error: { code: 'INTERNAL', message: `Something went wrong on the server (request ${request.id}).`, fix: 'Try again; if it persists, look for this request id in the server log.' } };
  void reply.status(500).send(body);
}
