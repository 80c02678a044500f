import { errorCodes } from '../core/errors.ts';

export const NOTIFICATION_ERRORS = errorCodes({
  NOTIFICATION_NOT_FOUND: 'not_found',
  CHANNEL_NOT_FOUND: 'not_found',
  CHANNEL_KIND_UNKNOWN: 'invalid',
  CHANNEL_INVALID: 'invalid',
  CHANNEL_EXISTS: 'conflict',
  /** The environment's email channel (RRCU_SMTP_URL) is changed in the environment, not here. */
  CHANNEL_READ_ONLY: 'conflict',
  CHANNEL_ARCHIVED: 'conflict',
  DELIVERY_NOT_FOUND: 'not_found',
  DELIVERY_NOT_RETRYABLE: 'conflict',
  PREFERENCE_INVALID: 'invalid',
  /** RRCU_SECRET_KEY unset: the server cannot store or open secrets until it is configured (503 with the fix, not a 500). */
  SECRET_KEY_MISSING: 'unavailable',
});
