import { errorCodes } from '../../core/errors.ts';

/** Signing in and authenticating requests (the codes of users, sessions and tokens themselves are in src/identity/errors.ts). */
export const AUTH_ERRORS = errorCodes({
  INVALID_CREDENTIALS: 'unauthenticated',
  PASSWORD_CHANGE_REQUIRED: 'forbidden',
  RATE_LIMITED: 'rate_limited',
  // The identity provider's sign-in: the callback answers these as /sign-in?error=<code>, not as a status.
  OIDC_STATE_MISSING: 'invalid',
  OIDC_STATE_MISMATCH: 'invalid',
  OIDC_DENIED: 'forbidden',
  OIDC_CALLBACK_FAILED: 'upstream',
  OIDC_UNAVAILABLE: 'unavailable',
  OIDC_NOT_CONFIGURED: 'internal',
  OIDC_ISSUER_NOT_HTTPS: 'internal',
});
