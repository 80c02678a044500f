import { errorCodes } from '../core/errors.ts';

export const ACCESS_ERRORS = errorCodes({
  PERSON_NOT_FOUND: 'not_found',
  DIFF_ACROSS_CONNECTORS: 'invalid',
  DIFF_ORDER: 'invalid',
  NOTHING_TO_DIFF: 'invalid',
  ENTITLEMENT_NOT_FOUND: 'not_found',
  MARK_NOT_FOUND: 'not_found',
  ALREADY_MARKED: 'conflict',
  ALREADY_UNMARKED: 'conflict',
});
