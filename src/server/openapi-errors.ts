/**
 * The error body in the OpenAPI document: one schema (ErrorBody), one response (Error) that every
 * operation lists for 4XX and 5XX, so clients (the web's generated types) take it from the document.
 * Only the document says so: route schemas keep their 2xx answers, and the error handler alone writes
 * an error, unchanged by any response serializer.
 */
import { z } from 'zod';
import { errorBodySchema } from './error-handler.ts';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The parts of an OpenAPI document this touches (the versions @fastify/swagger may hand over share them). */
type Document = {
  paths?: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], { responses?: Record<string, unknown> }>> | undefined>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
};

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

/** Adds ErrorBody and the Error response to the document's components, and lists Error for 4XX and 5XX on every operation. */
export function withErrorResponses<D extends Document>(document: D): D {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ErrorBody: z.toJSONSchema(errorBodySchema, { target: 'openapi-3.0' }) };
  components.responses = {
    ...components.responses,
    Error: {
      description: 'Refused or failed: a stable code, what happened, what to do; for invalid input, the fields at fault',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    },
  };
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const responses = item?.[method]?.responses;
      if (!responses) continue;
      responses['4XX'] ??= ERROR_RESPONSE;
      responses['5XX'] ??= ERROR_RESPONSE;
    }
  }
  return document;
}
