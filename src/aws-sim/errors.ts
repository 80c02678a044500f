import { errorCodes } from '../core/errors.ts';

export const SIM_ERRORS = errorCodes({
  SIM_FIXTURE_INVALID: 'invalid',
});
