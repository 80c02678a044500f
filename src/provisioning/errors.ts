import { errorCodes } from '../core/errors.ts';

export const PROVISIONING_ERRORS = errorCodes({
  TASK_NOT_FOUND: 'not_found',
  TASK_IN_PROGRESS: 'conflict',
  GRANT_INHERITED: 'invalid',
  GRANT_NOT_CURRENT: 'invalid',
});
