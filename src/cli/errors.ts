import { errorCodes } from '../core/errors.ts';

/** Refusals of the `rrcu` commands themselves (flags, files, ports, the server they call). */
export const CLI_ERRORS = errorCodes({
  TOKEN_MISSING: 'unauthenticated',
  INVALID_PATH: 'invalid',
  INVALID_JSON: 'invalid',
  SCIM_TOKEN_FILE_UNREADABLE: 'invalid',
  SCIM_TOKEN_FILE_EMPTY: 'invalid',
  SIM_FIXTURE_UNREADABLE: 'invalid',
  SIM_FIXTURE_INVALID: 'invalid',
  PORT_IN_USE: 'conflict',
  SIM_PORT_IN_USE: 'conflict',
  SERVER_UNREACHABLE: 'unavailable',
  SERVER_URL_INVALID: 'invalid',
});
