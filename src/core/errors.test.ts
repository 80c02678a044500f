import { describe, expect, test } from 'vitest';
import { errorCodes, RrcuError } from './errors.ts';

const CODES = errorCodes({ TICKET_REQUIRED: 'invalid', ALREADY_DECIDED: 'conflict', ACTION_DENIED: 'upstream' });

describe('RrcuError fields: the input fields a refusal names, only on an invalid error', () => {
  test('an invalid error names its fields; a bare name takes the message less its leading "field: "', () => {
    const e = new RrcuError(CODES.TICKET_REQUIRED, 'ticket: the policy wants one.', { fields: ['ticket', { field: 'justification', message: 'too short' }] });
    expect(e.fields).toEqual([{ field: 'ticket', message: 'the policy wants one.' }, { field: 'justification', message: 'too short' }]);
  });

  test.each([
    ['conflict', CODES.ALREADY_DECIDED],
    ['upstream', CODES.ACTION_DENIED],
  ])('a %s error naming fields is a programming error: TypeError, as a code without a kind is', (_kind, code) => {
    expect(() => new RrcuError(code, 'Request #3 was decided.', { fields: ['decision'] })).toThrow(TypeError);
    expect(() => new RrcuError(code, 'Request #3 was decided.', { fields: ['decision'] })).toThrow(`only an 'invalid' error names input fields`);
  });

  test('no fields, or none, is any error', () => {
    expect(new RrcuError(CODES.ALREADY_DECIDED, 'Request #3 was decided.', { fields: [] }).fields).toBeUndefined();
    expect(new RrcuError(CODES.ACTION_DENIED, 'sso:ListInstances was denied.').fields).toBeUndefined();
  });
});
