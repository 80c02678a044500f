import { errorCodes } from '../core/errors.ts';

export const JOB_ERRORS = errorCodes({
  JOB_ENGINE_UNAVAILABLE: 'unavailable',
});
