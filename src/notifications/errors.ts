import { errorCodes } from '../core/errors.ts';

export const NOTIFICATION_ERRORS = errorCodes({
  NOTIFICATION_NOT_FOUND: 'not_found',
});
