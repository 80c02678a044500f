import { errorCodes } from '../core/errors.ts';

export const OWNERSHIP_ERRORS = errorCodes({
  RESOURCE_NOT_FOUND: 'not_found',
  OWNER_NOT_FOUND: 'not_found',
  OWNER_PERSON_NOT_FOUND: 'not_found',
  ALREADY_OWNER: 'conflict',
  OWNER_ALREADY_REMOVED: 'conflict',
});
