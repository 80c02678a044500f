import { errorCodes } from '../core/errors.ts';

export const SYNC_ERRORS = errorCodes({
  SYNC_ALREADY_RUNNING: 'conflict',
  SYNC_NOT_QUEUED: 'unavailable',
});
