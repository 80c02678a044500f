import { describe, expect, test } from 'vitest';
import { errorBodySchema } from './error-handler.ts';
import { withErrorResponses } from './openapi-errors.ts';

describe('the error body in the OpenAPI document', () => {
  test('is published once, as ErrorBody, and every operation lists it for 4XX and 5XX', () => {
    const doc: Parameters<typeof withErrorResponses>[0] = {
      paths: { '/api/x': { get: { responses: { 200: { description: 'ok' } } }, post: { responses: { 201: { description: 'made' } } } } },
      components: { schemas: {} },
    };
    withErrorResponses(doc);
    expect(doc.components?.schemas?.ErrorBody).toMatchObject({ type: 'object', required: ['error'] });
    expect(doc.components?.responses?.Error).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
    for (const op of [doc.paths!['/api/x']!.get!, doc.paths!['/api/x']!.post!]) {
      expect(op.responses).toMatchObject({ '4XX': { $ref: '#/components/responses/Error' }, '5XX': { $ref: '#/components/responses/Error' } });
    }
    expect(doc.paths!['/api/x']!.get!.responses![200]).toEqual({ description: 'ok' });
  });

  test('describes what the error handler sends, fields of invalid input included', () => {
    const body = { error: { code: 'INVALID_INPUT', message: 'body.name: is required', fix: 'Correct the fields named and try again.', fields: [{ field: 'body.name', message: 'is required' }] } };
    expect(errorBodySchema.parse(body)).toEqual(body);
  });
});
