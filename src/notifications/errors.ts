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
});
