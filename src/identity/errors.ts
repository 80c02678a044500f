import { errorCodes } from '../core/errors.ts';

/** Users, local accounts, sessions and API tokens, whoever asks (the API or `rrcu admin`). */
export const IDENTITY_ERRORS = errorCodes({
  TOKEN_INVALID: 'unauthenticated',
  USER_DISABLED: 'forbidden',
  USER_NOT_FOUND: 'not_found',
  TOKEN_NOT_FOUND: 'not_found',
  LOCAL_USER_EXISTS: 'conflict',
  LOCAL_SIGN_IN_DISABLED: 'invalid',
  NOT_A_LOCAL_USER: 'invalid',
  CANNOT_CHANGE_OWN_ROLE: 'invalid',
  CANNOT_RESET_OWN_PASSWORD: 'invalid',
  PASSWORD_TOO_SHORT: 'invalid',
  PASSWORD_UNCHANGED: 'invalid',
});
