import { errorCodes } from '../../core/errors.ts';

/** Users, sign-in, sessions and API tokens. */
export const AUTH_ERRORS = errorCodes({
  INVALID_CREDENTIALS: 'unauthenticated',
  TOKEN_INVALID: 'unauthenticated',
  PASSWORD_CHANGE_REQUIRED: 'forbidden',
  USER_DISABLED: 'forbidden',
  RATE_LIMITED: 'rate_limited',
  USER_NOT_FOUND: 'not_found',
  TOKEN_NOT_FOUND: 'not_found',
  LOCAL_USER_EXISTS: 'conflict',
  LOCAL_SIGN_IN_DISABLED: 'invalid',
  NOT_A_LOCAL_USER: 'invalid',
  CANNOT_CHANGE_OWN_ROLE: 'invalid',
  CANNOT_RESET_OWN_PASSWORD: 'invalid',
  PASSWORD_TOO_SHORT: 'invalid',
  PASSWORD_UNCHANGED: 'invalid',
  // The identity provider's sign-in: the callback answers these as /sign-in?error=<code>, not as a status.
  OIDC_STATE_MISSING: 'invalid',
  OIDC_STATE_MISMATCH: 'invalid',
  OIDC_DENIED: 'forbidden',
  OIDC_CALLBACK_FAILED: 'upstream',
  OIDC_UNAVAILABLE: 'unavailable',
  OIDC_NOT_CONFIGURED: 'internal',
  OIDC_ISSUER_NOT_HTTPS: 'internal',
});
