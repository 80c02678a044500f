import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { COMMON_ERRORS, errorCodes, RrcuError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { errorBodySchema, errorHandler } from './error-handler.ts';

const CODES = errorCodes({ TICKET_REQUIRED: 'invalid', ALREADY_DECIDED: 'conflict' });

/**
 * The error body's `fields`: a form shows each next to its field. Schema refusals had them from the start;
 * a service's refusal of one field (a policy's ticket, a required comment) carries them on its RrcuError.
 */
describe('the error handler sends the fields an error names', () => {
  const server = Fastify().withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    server.setErrorHandler(errorHandler);
    server.post('/schema', { schema: { body: z.object({ comment: z.string().max(3) }) } }, async () => ({}));
    server.post('/named', async () => {
      throw new RrcuError(CODES.TICKET_REQUIRED, 'Policy "Ops" requires a ticket reference.', { fix: 'Give the ticket.', fields: ['ticket'] });
    });
    server.post('/prefixed', async () => {
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, 'itemIds: 2 are not items of campaign Q1.', { fields: ['itemIds', { field: 'campaignId', message: 'is Q1' }] });
    });
    server.post('/parsed', async () => parseInput(z.object({ at: z.iso.datetime('not a date') }), { at: 'yesterday' }, 'parameters'));
    server.post('/whole', async () => {
      throw new RrcuError(CODES.ALREADY_DECIDED, 'Request #3 was decided.', { fields: [] });
    });
    await server.ready();
  });
  afterAll(() => server.close());

  const post = async (url: string, payload: object = {}) => {
    const res = await server.inject({ method: 'POST', url, payload });
    return { status: res.statusCode, body: errorBodySchema.parse(res.json()) };
  };

  test("a schema's refusal names the field with where it came from, as before", async () => {
    const { status, body } = await post('/schema', { comment: 'too long' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'body.comment', message: expect.any(String) }] });
  });

  test("a service's refusal of a field is a 400 with that field and its message; the message and fix are unchanged", async () => {
    const { status, body } = await post('/named');
    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 'TICKET_REQUIRED',
      message: 'Policy "Ops" requires a ticket reference.',
      fix: 'Give the ticket.',
      fields: [{ field: 'ticket', message: 'Policy "Ops" requires a ticket reference.' }],
    });
  });

  test('a field named by itself takes the message less its leading "field: "; one given whole is sent as given', async () => {
    const { body } = await post('/prefixed');
    expect(body.error.fields).toEqual([{ field: 'itemIds', message: '2 are not items of campaign Q1.' }, { field: 'campaignId', message: 'is Q1' }]);
  });

  test("a service's own schema check names the field by its path in the body", async () => {
    const { status, body } = await post('/parsed');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_INPUT', message: 'at: not a date.', fields: [{ field: 'parameters.at', message: 'not a date.' }] });
  });

  test('an error about the whole request has no fields', async () => {
    const { status, body } = await post('/whole');
    expect(status).toBe(409);
    expect(body.error).not.toHaveProperty('fields');
  });
});
