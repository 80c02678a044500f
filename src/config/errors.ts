import { errorCodes } from '../core/errors.ts';

/** RRCU's settings are the operator's to fix, never an API caller's: internal. */
export const CONFIG_ERRORS = errorCodes({
  CONFIG_INVALID: 'internal',
  CONFIG_FILE_UNREADABLE: 'internal',
  CONFIG_FILE_INVALID: 'internal',
  SECRET_KEY_FILE_UNUSABLE: 'internal',
});
